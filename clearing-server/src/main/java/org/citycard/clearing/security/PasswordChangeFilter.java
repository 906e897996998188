package org.citycard.clearing.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A staff user whose password must be changed (the first administrator's generated one, the first one an
 * administrator gave a user it created, one an administrator reset;
 * on unless {@code citycard.security.force-initial-password-change} is false) gets 403 on every guarded path of its
 * door but the change itself: the API's ({@value #CHANGE}), the dashboard's ({@value #DASHBOARD_CHANGE}) and the
 * exchange page's statistics (which point to either). Static pages and sign-out stay reachable, so the dashboard can
 * show its change form.
 */
public class PasswordChangeFilter extends OncePerRequestFilter {
    public static final String CHANGE = "/api/v1/staff/me/password";
    public static final String DASHBOARD_CHANGE = "/dashboard/api/me/password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StaffUsers users;
    private final String change;
    private final List<String> guarded;

    /**
     * @param change the path (POST) that changes the password on this door, or null when there is none
     * @param guarded the path prefixes refused until the password is changed
     */
    public PasswordChangeFilter(StaffUsers users, String change, String... guarded) {
        this.users = users;
        this.change = change;
        this.guarded = List.of(guarded);
    }

    /** The API's: everything under /api/ but {@value #CHANGE}. */
    static PasswordChangeFilter api(StaffUsers users) {
        return new PasswordChangeFilter(users, CHANGE, "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean isChange = change != null && "POST".equals(request.getMethod()) && change.equals(path);
        if (who != null
                && who.isAuthenticated()
                && !(who instanceof AnonymousAuthenticationToken)
                && guarded.stream().anyMatch(path::startsWith)
                && !isChange
                && who.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals("ROLE_" + Roles.TERMINAL))
                && users.mustChangePassword(who.getName())) {
            String where = change != null ? change : CHANGE + " (API) or " + DASHBOARD_CHANGE + " (dashboard)";
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "password change required");
            body.put("change", "POST " + where + " {\"current\": ..., \"new\": ...}");
            body.put("message_zh", "请先修改初始密码（POST " + where + "），然后才能进行其他操作");
            body.put("message_en", "change your initial password first (POST " + where + "); nothing else is allowed");
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            JSON.writeValue(response.getOutputStream(), body);
            return;
        }
        chain.doFilter(request, response);
    }
}
