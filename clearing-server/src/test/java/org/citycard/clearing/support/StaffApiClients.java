package org.citycard.clearing.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The tests' {@code TestRestTemplate} calls the staff API as the real clients do (the issuance tool, the CLI, the
 * system tests): with {@code X-Requested-With}, which every state-changing staff request needs (issue 15, CSRF;
 * {@code StaffCsrfTest} shows what happens without it, with its own HTTP client). Test classpath only.
 */
@AutoConfiguration
public class StaffApiClients {
    @Bean
    RestTemplateCustomizer staffApiHeader() {
        return template -> template.getInterceptors().add((request, body, execution) -> {
            if (!request.getHeaders().containsKey("X-Requested-With")) {
                request.getHeaders().add("X-Requested-With", "CityCard");
            }
            return execution.execute(request, body);
        });
    }
}
