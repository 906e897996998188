package org.citycard.clearing.security;

import java.time.Clock;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.ReferenceRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what: health and the OpenAPI description are public; terminals (ID + MAC headers) fetch the hotlist
 * under /api/v1/terminal; the card centre ({@link Roles#CARD_CENTRE}) registers cards, reads them and their
 * accounts, changes their state and the hotlist; staff read and administrators change everything else under /api/v1
 * (HTTP Basic over the
 * staff accounts, stateless; wrong passwords lock the user and the client address for a while, see
 * {@link LoginAttempts}; API clients get no Basic challenge, see {@link ApiAuthenticationEntryPoint}; state changes
 * need {@value CrossSiteRequestFilter#HEADER} and no foreign origin, see {@link CrossSiteRequestFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Staff sign-in with the lockout of {@link LoginAttempts}, for every filter chain that signs staff in (the API's,
     * the dashboard's form login, the exchange page's Basic), so no door skips the lockout.
     */
    public static AuthenticationManager staffSignIn(
            UserDetailsService users, PasswordEncoder encoder, LoginAttempts attempts) {
        return new ProviderManager(new StaffAuthenticationProvider(users, encoder, attempts));
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
                CityCardProperties properties,
                UserDetailsService users,
                PasswordEncoder encoder,
                ObjectProvider<LoginAttempts> loginAttempts,
                ObjectProvider<StaffUsers> staffUsers)
                throws Exception {
            if (properties.security().forceInitialPasswordChange()) {
                http.addFilterBefore(PasswordChangeFilter.api(staffUsers.getObject()), AuthorizationFilter.class);
            }
            LoginAttempts attempts = loginAttempts.getObject();
            ApiAuthenticationEntryPoint refused = new ApiAuthenticationEntryPoint(clock);
            TerminalMacFilter terminals = new TerminalMacFilter(
                    reference, keys, clock, properties.security().terminalClockSkewSeconds());
            http.csrf(c -> c.disable())
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .authenticationManager(staffSignIn(users, encoder, attempts))
                    .httpBasic(b -> b.authenticationEntryPoint(refused))
                    .exceptionHandling(e -> e.authenticationEntryPoint(refused))
                    .addFilterBefore(terminals, BasicAuthenticationFilter.class)
                    // CSRF: state changes of signed-in staff need X-Requested-With and no foreign origin; the
                    // stateless Basic API has no session for Spring's token, terminals are MACed
                    .addFilterBefore(new CrossSiteRequestFilter(true), AuthorizationFilter.class)
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
                            .requestMatchers("/api/v1/staff/me/**")
                            .hasAnyRole(Roles.STAFF, Roles.ADMIN, Roles.CARD_CENTRE)
                            .requestMatchers("/api/v1/admin/**")
                            .hasRole(Roles.ADMIN)
                            // the card centre's calls (the issuance tool's server client), and no others
                            .requestMatchers(
                                    HttpMethod.GET,
                                    "/api/v1/cards/*",
                                    "/api/v1/cards/*/account",
                                    "/api/v1/cards/*/deposit")
                            .hasAnyRole(Roles.STAFF, Roles.ADMIN, Roles.CARD_CENTRE)
                            .requestMatchers(
                                    HttpMethod.POST,
                                    "/api/v1/cards",
                                    "/api/v1/hotlist",
                                    "/api/v1/cards/*/replacement",
                                    "/api/v1/cards/*/refund",
                                    "/api/v1/cards/*/deposit",
                                    "/api/v1/cards/*/deposit/cash-refund")
                            .hasAnyRole(Roles.ADMIN, Roles.CARD_CENTRE)
                            .requestMatchers(HttpMethod.PUT, "/api/v1/cards/*/state", "/api/v1/cards/*/key-version")
                            .hasAnyRole(Roles.ADMIN, Roles.CARD_CENTRE)
                            .requestMatchers(HttpMethod.DELETE, "/api/v1/hotlist/*")
                            .hasAnyRole(Roles.ADMIN, Roles.CARD_CENTRE)
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
