package org.citycard.clearing.exchange;

import org.citycard.clearing.security.Roles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The exchange page and its statistics: staff signed in on the dashboard (the same session) or with HTTP Basic;
 * the ECharts library is served from its webjar. The operators' API lives under /api/v1/admin (the API's chain).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ExchangeSecurity {
    @Bean
    @Order(2)
    SecurityFilterChain exchangePage(
            HttpSecurity http,
            org.springframework.security.core.userdetails.UserDetailsService users,
            org.springframework.security.crypto.password.PasswordEncoder encoder,
            org.citycard.clearing.security.LoginAttempts attempts,
            org.citycard.clearing.config.CityCardProperties properties,
            org.citycard.clearing.security.StaffUsers staffUsers)
            throws Exception {
        if (properties.security().forceInitialPasswordChange()) {
            // a pending password change (issue 15): no statistics until it is changed on the API or the dashboard
            http.addFilterBefore(
                    new org.citycard.clearing.security.PasswordChangeFilter(staffUsers, null, "/api/exchange/"),
                    org.springframework.security.web.access.intercept.AuthorizationFilter.class);
        }
        http.securityMatcher("/api/exchange/**", "/exchange.html", "/exchange.js", "/webjars/**")
                .authenticationManager(
                        org.citycard.clearing.security.SecurityConfiguration.staffSignIn(users, encoder, attempts))
                .authorizeHttpRequests(a -> a.requestMatchers("/webjars/**")
                        .permitAll()
                        .anyRequest()
                        .hasAnyRole(Roles.STAFF, Roles.ADMIN))
                .httpBasic(Customizer.withDefaults())
                // CSRF (issue 15): no state change from another site, as on the API
                .addFilterBefore(
                        new org.citycard.clearing.security.CrossSiteRequestFilter(true),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                // a dashboard session is used, none is created: HTTP Basic callers stay stateless
                .sessionManagement(m ->
                        m.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.NEVER))
                // the page sends a person to the sign-in page; the statistics answer a bare 401 (no redirect, no
                // Basic challenge that a browser would cache). With one entry point only, Spring would use it for
                // every path, so both are named.
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                                new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint(
                                        "/dashboard/login.html"),
                                new org.springframework.security.web.util.matcher.AntPathRequestMatcher(
                                        "/exchange.html"))
                        .defaultAuthenticationEntryPointFor(
                                new org.springframework.security.web.authentication.HttpStatusEntryPoint(
                                        org.springframework.http.HttpStatus.UNAUTHORIZED),
                                new org.springframework.security.web.util.matcher.AntPathRequestMatcher(
                                        "/api/exchange/**")))
                .headers(
                        h -> h.contentSecurityPolicy(
                                c -> c.policyDirectives(
                                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'")));
        return http.build();
    }
}
