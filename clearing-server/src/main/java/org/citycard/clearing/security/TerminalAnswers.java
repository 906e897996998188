package org.citycard.clearing.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.citycard.dictionary.iso8583.TerminalAnswerMac;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Every answer to an authenticated terminal request (the hotlist, the parameters, the social-security queries)
 * carries the server's MAC ({@link TerminalAnswerMac}, header {@value TerminalAnswerMac#MAC}) under the same key
 * the request's MAC was checked with, over the status, the request it answers and the body: the agent refuses an
 * answer changed on the way, so nobody in between can take a card off its hotlist. The body is held until it is
 * complete and MACed (a hotlist of 100,000 cards is about 2.5 MB).
 */
public final class TerminalAnswers {
    private TerminalAnswers() {}

    /**
     * Runs the rest of the chain and sends its answer with the answer MAC.
     *
     * @param tak the terminal's MAC key, as the request's MAC was checked with it
     */
    public static void signed(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain, String terminalId, byte[] tak)
            throws IOException, ServletException {
        signed(request, response, chain, terminalId, org.citycard.dictionary.crypto.Algorithm.TDES, tak);
    }

    /** {@link #signed(HttpServletRequest, HttpServletResponse, FilterChain, String, byte[])} with a TAK of the algorithm (3DES or SM4). */
    public static void signed(
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            String terminalId,
            org.citycard.dictionary.crypto.Algorithm algorithm,
            byte[] tak)
            throws IOException, ServletException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, answer);
        String path =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        long time = Long.parseLong(request.getHeader(TerminalMacFilter.TIME)); // checked by the filter
        if (!answer.isCommitted()) {
            answer.setHeader(
                    TerminalAnswerMac.MAC,
                    TerminalAnswerMac.mac(
                            algorithm,
                            tak,
                            answer.getStatus(),
                            request.getMethod(),
                            path,
                            time,
                            terminalId,
                            answer.getContentAsByteArray()));
        }
        answer.copyBodyToResponse();
    }
}
