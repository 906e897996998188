package org.citycard.clearing.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF for staff (issue 15): a state-changing request (not GET, HEAD, OPTIONS, TRACE) of a signed-in staff user is
 * refused 403, before any handler and so changing nothing, when a browser says it comes from another site
 * ({@code Sec-Fetch-Site} other than same-origin or none, or an {@code Origin} other than this server's) or, where
 * {@code requireHeader}, when it lacks {@value #HEADER}. A page of another site can send a form or text/plain POST
 * with the browser's credentials, but no custom header (that needs the server's CORS consent, which it never gives);
 * API clients (the issuance tool, the CLI, the system tests) send the header. Terminals (their requests MACed with
 * their key) are not concerned; unauthenticated requests are left to the authorisation (401).
 */
public class CrossSiteRequestFilter extends OncePerRequestFilter {
    /** The header every state-changing staff API request carries (any non-empty value). */
    public static final String HEADER = "X-Requested-With";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> SAME_SITE = Set.of("same-origin", "none");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(CrossSiteRequestFilter.class);

    private final boolean requireHeader;

    /** @param requireHeader whether {@value #HEADER} is required (the Basic API; the dashboard has a CSRF token) */
    public CrossSiteRequestFilter(boolean requireHeader) {
        this.requireHeader = requireHeader;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT))
                || who == null
                || !who.isAuthenticated()
                || who instanceof AnonymousAuthenticationToken
                || who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.TERMINAL))) {
            chain.doFilter(request, response);
            return;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        if (site != null && !SAME_SITE.contains(site.toLowerCase(Locale.ROOT))) {
            refuse(request, response, who, "Sec-Fetch-Site", site, "same-origin (a page of this server) or none");
        } else if (origin != null && !sameOrigin(origin, request.getHeader("Host"))) {
            refuse(
                    request,
                    response,
                    who,
                    "Origin",
                    origin,
                    "this server's own origin (" + request.getHeader("Host") + ")");
        } else if (requireHeader && isBlank(request.getHeader(HEADER))) {
            refuse(
                    request,
                    response,
                    who,
                    HEADER,
                    null,
                    "present and not empty on every state-changing staff" + " request (API clients send it, e.g. \""
                            + HEADER + ": CityCard\"; a cross-site form cannot)");
        } else {
            chain.doFilter(request, response);
        }
    }

    /** The Origin's host[:port] is the Host the request was sent to (default ports left out on both sides). */
    static boolean sameOrigin(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI o = URI.create(origin);
            if (o.getHost() == null) {
                return false;
            }
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            String h = host.toLowerCase(Locale.ROOT);
            if (h.endsWith(":80") || h.endsWith(":443")) {
                h = h.substring(0, h.lastIndexOf(':'));
            }
            return authority.toLowerCase(Locale.ROOT).equals(h);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static void refuse(
            HttpServletRequest request,
            HttpServletResponse response,
            Authentication who,
            String field,
            String value,
            String rule)
            throws IOException {
        log.warn(
                "refused {} {} of staff user '{}' as cross-site: {} {}",
                request.getMethod(),
                request.getRequestURI(),
                who.getName(),
                field,
                value == null ? "missing" : "'" + value + "'");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "cross-site request refused");
        body.put("field", field);
        body.put("value", value);
        body.put("rule", rule);
        body.put("message_zh", "拒绝跨站请求：" + field + (value == null ? " 缺失" : " 为 " + value) + "，未做任何更改");
        body.put(
                "message_en",
                "cross-site request refused: " + field + (value == null ? " missing" : " is " + value) + " (must be "
                        + rule + "); nothing was changed");
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
