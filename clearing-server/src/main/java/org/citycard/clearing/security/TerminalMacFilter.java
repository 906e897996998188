package org.citycard.clearing.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.ReferenceRepository;
import org.citycard.clearing.reference.Terminal;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.iso8583.TerminalRequestMac;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.dictionary.wire.ResponseCode;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a terminal on HTTP the way ISO 8583 does: by its ID and a MAC under its working key TAK (the one
 * its last sign-on gave it). An unknown terminal, a bad MAC and a TAK the server does not hold are refused alike
 * (401 "the MAC does not verify"); a TAK past its lifetime gets 401 with {@code "code":"A0"} (sign on again).
 * Headers:
 * {@value #TERMINAL} (12 digits), {@value #TIME} (Unix seconds, within the allowed clock skew) and {@value #MAC}
 * (hex of the 8-byte retail MAC over {@code METHOD \n path?query \n time \n terminal ID}, UTF-8). A request without
 * these headers passes on unauthenticated; one with a wrong MAC is refused with 401, a call the terminal's type may
 * not make with 403 ({@link TerminalRights}). Answers to an authenticated terminal carry the server's MAC under the same
 * key ({@link TerminalAnswers}).
 */
public class TerminalMacFilter extends OncePerRequestFilter {
    public static final String TERMINAL = TerminalRequestMac.TERMINAL;
    public static final String TIME = TerminalRequestMac.TIME;
    public static final String MAC = TerminalRequestMac.MAC;

    private final ReferenceRepository reference;
    private final TerminalKeyService keys;
    private final Clock clock;
    private final long skewSeconds;

    public TerminalMacFilter(ReferenceRepository reference, TerminalKeyService keys, Clock clock, long skewSeconds) {
        this.reference = reference;
        this.keys = keys;
        this.clock = clock;
        this.skewSeconds = skewSeconds;
    }

    /** What the terminal MACs. */
    public static byte[] macInput(String method, String pathAndQuery, long time, String terminalId) {
        return TerminalRequestMac.input(method, pathAndQuery, time, terminalId);
    }

    /** The header value a terminal sends (for agents and tests). */
    public static String mac(byte[] tak, String method, String pathAndQuery, long time, String terminalId) {
        return TerminalRequestMac.mac(tak, method, pathAndQuery, time, terminalId);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String terminalId = request.getHeader(TERMINAL);
        if (terminalId == null) {
            chain.doFilter(request, response);
            return;
        }
        String refusal = check(request, terminalId);
        if (refusal != null) {
            boolean signOnAgain = refusal.equals(RETIRED);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.getWriter()
                    .write("{\"error\":\"terminal not authenticated\",\"code\":\""
                            + (signOnAgain ? ResponseCode.SIGN_ON_AGAIN : ResponseCode.SECURITY_VIOLATION).code()
                            + "\",\"detail\":\"" + refusal + "\"}");
            return;
        }
        if (!TerminalRights.mayCall(reference.terminal(terminalId).orElseThrow(), request, response)) {
            return;
        }
        var auth = new UsernamePasswordAuthenticationToken(
                terminalId, null, List.of(new SimpleGrantedAuthority("ROLE_" + Roles.TERMINAL)));
        SecurityContextHolder.getContext().setAuthentication(auth);
        // the answer is MACed with the very working key the request was checked with
        TerminalKeyService.WorkingKey key = (TerminalKeyService.WorkingKey) request.getAttribute(WORKING_KEY);
        TerminalAnswers.signed(request, response, chain, terminalId, key.algorithm(), key.tak());
    }

    static final String BAD_MAC = "the MAC does not verify";
    /** The request attribute holding the working key the request's MAC verified under. */
    static final String WORKING_KEY = TerminalMacFilter.class.getName() + ".workingKey";

    static final String RETIRED = "the working key is retired: sign on again";

    private String check(HttpServletRequest request, String terminalId) {
        try {
            Rules.checkElement(Dictionary.standard(), "terminal_id", terminalId);
        } catch (ValidationException e) {
            return TERMINAL + " " + e.getMessage();
        }
        long time;
        try {
            time = Long.parseLong(String.valueOf(request.getHeader(TIME)));
        } catch (NumberFormatException e) {
            return TIME + " must be Unix seconds";
        }
        if (Math.abs(clock.instant().getEpochSecond() - time) > skewSeconds) {
            return TIME + " is more than " + skewSeconds + " s from the server's clock";
        }
        String given = request.getHeader(MAC);
        if (given == null) {
            return MAC + " is missing";
        }
        String path =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (reference.terminal(terminalId).filter(Terminal::active).isEmpty()) {
            return BAD_MAC; // as for a bad MAC: nobody can tell which terminals are registered
        }
        String method = request.getMethod();
        TerminalKeyService.Verdict v = keys.verify(
                terminalId,
                k -> TerminalRequestMac.verify(k.algorithm(), k.tak(), method, path, time, terminalId, given));
        if (v.outcome() == TerminalKeyService.Outcome.VALID) {
            request.setAttribute(WORKING_KEY, v.key());
        }
        return switch (v.outcome()) {
            case VALID -> null;
            case RETIRED -> RETIRED;
            case NO_KEY, INVALID -> BAD_MAC;
        };
    }
}
