package org.citycard.clearing.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * What a refused sign-in is answered: a locked one 429 with {@code Retry-After} and a JSON body saying locked and
 * until when (zh/en); any other 401 under /api/ as JSON without a {@code WWW-Authenticate} challenge, so browsers
 * neither prompt nor cache the credentials; elsewhere the usual Basic challenge.
 */
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock;
    private final BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();

    ApiAuthenticationEntryPoint(Clock clock) {
        this.clock = clock;
        basic.setRealmName("CityCard");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (e instanceof LoginLockedException locked) {
            Duration left = Duration.between(clock.instant(), locked.until());
            // rounded up: a client that waits this long finds the lock over
            long seconds = Math.max(1, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(seconds));
            body.put("error", "locked");
            body.put("lockedUntil", locked.until().toString());
            body.put("retryAfterSeconds", seconds);
            body.put("message_zh", "登录已锁定（密码错误次数过多），请于 " + locked.until() + " 之后再试");
            body.put("message_en", "sign-in locked (too many wrong passwords) until " + locked.until());
        } else if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            body.put("error", "unauthorized");
            body.put("message_zh", "需要有效的用户名和密码");
            body.put("message_en", "a valid user name and password are required");
        } else {
            basic.commence(request, response, e);
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
