package org.citycard.clearing.dashboard;

import org.citycard.clearing.security.Roles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The dashboard's own filter chain, before the API's: form login over the staff accounts with a session and CSRF
 * protection (the page fetches its token from /dashboard/csrf; a foreign Origin or Sec-Fetch-Site is refused too);
 * STAFF and ADMIN see it, only ADMIN closes a day; an account whose password must be changed gets only the change
 * (POST /dashboard/api/me/password, the page shows its form).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DashboardSecurity {
    static final String LOGIN_PAGE = "/dashboard/login.html";

    @Bean
    @Order(1)
    SecurityFilterChain dashboard(
            HttpSecurity http,
            org.springframework.security.core.userdetails.UserDetailsService users,
            org.springframework.security.crypto.password.PasswordEncoder encoder,
            org.citycard.clearing.security.LoginAttempts attempts,
            org.citycard.clearing.config.CityCardProperties properties,
            org.citycard.clearing.security.StaffUsers staffUsers)
            throws Exception {
        if (properties.security().forceInitialPasswordChange()) {
            // a pending password change: the pages and sign-out, the data not, until the change form is used
            http.addFilterBefore(
                    new org.citycard.clearing.security.PasswordChangeFilter(
                            staffUsers,
                            org.citycard.clearing.security.PasswordChangeFilter.DASHBOARD_CHANGE,
                            "/dashboard/api/",
                            "/dashboard/files/"),
                    org.springframework.security.web.access.intercept.AuthorizationFilter.class);
        }
        http.securityMatcher("/", "/dashboard", "/dashboard/**", "/webjars/echarts/**")
                .authenticationManager(
                        org.citycard.clearing.security.SecurityConfiguration.staffSignIn(users, encoder, attempts))
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/",
                                LOGIN_PAGE,
                                "/dashboard/csrf",
                                "/dashboard/style.css",
                                "/dashboard/login.js",
                                "/webjars/echarts/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/dashboard/api/days/*/close")
                        .hasRole(Roles.ADMIN)
                        .anyRequest()
                        .hasAnyRole(Roles.STAFF, Roles.ADMIN))
                .formLogin(f -> f.loginPage(LOGIN_PAGE)
                        .loginProcessingUrl("/dashboard/login")
                        .defaultSuccessUrl("/dashboard/index.html", true)
                        .failureUrl(LOGIN_PAGE + "?error")
                        .permitAll())
                // CSRF: the token (Spring's, per session) and, for the browser's own word, Origin / Sec-Fetch-Site
                .addFilterBefore(
                        new org.citycard.clearing.security.CrossSiteRequestFilter(false),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .logout(l -> l.logoutUrl("/dashboard/logout").logoutSuccessUrl(LOGIN_PAGE + "?bye"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'")));
        return http.build();
    }
}
