package org.citycard.clearing.security;

import java.time.Clock;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.ReferenceRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what: health and the OpenAPI description are public; terminals (ID + MAC headers) fetch the hotlist
 * under /api/v1/terminal; staff read and administrators change everything else under /api/v1 (HTTP Basic over the
 * staff accounts, stateless).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Only when the server runs as a web application (not in batch tools and benchmarks). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Web {
        @Bean
        SecurityFilterChain api(
                HttpSecurity http,
                ReferenceRepository reference,
                TerminalKeyService keys,
                Clock clock,
                CityCardProperties properties)
                throws Exception {
            TerminalMacFilter terminals = new TerminalMacFilter(
                    reference, keys, clock, properties.security().terminalClockSkewSeconds());
            http.csrf(c -> c.disable())
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .httpBasic(Customizer.withDefaults())
                    .addFilterBefore(terminals, BasicAuthenticationFilter.class)
                    .authorizeHttpRequests(a -> a.requestMatchers(
                                    "/actuator/health/**",
                                    "/api/v1/health",
                                    "/v3/api-docs/**",
                                    "/swagger-ui/**",
                                    "/swagger-ui.html",
                                    "/error")
                            .permitAll()
                            .requestMatchers("/api/v1/terminal/**")
                            .hasRole(Roles.TERMINAL)
                            .requestMatchers("/api/v1/admin/**")
                            .hasRole(Roles.ADMIN)
                            .requestMatchers(HttpMethod.GET, "/api/v1/**")
                            .hasAnyRole(Roles.STAFF, Roles.ADMIN)
                            .requestMatchers("/api/v1/**")
                            .hasRole(Roles.ADMIN)
                            .anyRequest()
                            .denyAll());
            return http.build();
        }
    }
}
