package org.citycard.clearing.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A staff user whose password must be changed (the first administrator, when
 * {@code citycard.security.force-initial-password-change} is on) gets 403 on every API call but the change itself.
 */
class PasswordChangeFilter extends OncePerRequestFilter {
    static final String CHANGE = "/api/v1/staff/me/password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StaffUsers users;

    PasswordChangeFilter(StaffUsers users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean change = "POST".equals(request.getMethod()) && CHANGE.equals(path);
        if (who != null
                && who.isAuthenticated()
                && path.startsWith("/api/")
                && !change
                && who.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals("ROLE_" + Roles.TERMINAL))
                && users.mustChangePassword(who.getName())) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "password change required");
            body.put("change", "POST " + CHANGE + " {\"current\": ..., \"new\": ...}");
            body.put("message_zh", "请先修改初始密码（POST " + CHANGE + "），然后才能进行其他操作");
            body.put("message_en", "change your initial password first (POST " + CHANGE + "); nothing else is allowed");
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            JSON.writeValue(response.getOutputStream(), body);
            return;
        }
        chain.doFilter(request, response);
    }
}
