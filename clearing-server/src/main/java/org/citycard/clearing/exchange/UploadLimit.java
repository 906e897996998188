package org.citycard.clearing.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The uploads of exchange files and documents (issue 15) are bounded before they are read: a request whose
 * Content-Length is above {@code citycard.exchange.max-file-bytes} is answered 413 naming the file, the size and
 * the limit, its body never read; one without a length stops being read at the limit (a 400 then).
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class UploadLimit extends OncePerRequestFilter {
    private static final Set<String> PATHS =
            Set.of("/api/v1/social-security/imports", "/api/v1/admin/exchange/documents");

    private final ExchangeProperties properties;
    private final ObjectMapper json = new ObjectMapper();

    UploadLimit(ExchangeProperties properties) {
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !PATHS.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = properties.maxFileBytes();
        long length = request.getContentLengthLong();
        if (length > max) {
            String name = request.getParameter("name");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "too large");
            body.put("field", name == null ? "document" : "file " + ExchangeText.masked(name));
            body.put("value", length + " bytes");
            body.put(
                    "rule",
                    "at most " + max + " bytes (citycard.exchange.max-file-bytes): refused before reading,"
                            + " nothing stored");
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("Connection", "close");
            json.writeValue(response.getOutputStream(), body);
            return;
        }
        chain.doFilter(length >= 0 ? request : new Bounded(request, max), response);
    }

    /** A request body read at most up to the limit (one sent without a length). */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long max;

        Bounded(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > max) {
                        throw new IOException("above " + max + " bytes (citycard.exchange.max-file-bytes)");
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = in.read(buf, off, len);
                    if (n > 0 && (read += n) > max) {
                        throw new IOException("above " + max + " bytes (citycard.exchange.max-file-bytes)");
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
