package org.citycard.clearing.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs (UI at /swagger-ui.html). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    @Bean
    OpenAPI citycardOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("CityCard clearing server")
                        .version("v1")
                        .description("Reference data, transactions with their TAC inputs, quarantine, shadow"
                                + " accounts, hotlist and ledger totals. Staff: HTTP Basic, role STAFF reads,"
                                + " ADMIN changes. Terminals: X-CityCard-Terminal / -Time / -Mac headers."
                                + " Money is in fen."))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
