package org.citycard.dictionary.iso8583;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;

/**
 * The MAC of the server's answer to a terminal's HTTP request (hotlist, parameters, social security), beside
 * {@link TerminalRequestMac}: the same retail MAC under the terminal's TAK, sent as hex in {@value #MAC}, over
 * {@code ANSWER \n status \n METHOD \n path?query \n request time \n terminal ID \n SHA-256(body) in hex}, UTF-8.
 * The request's path, time and terminal bind the answer to the request it answers (an old or another terminal's
 * answer does not verify); the digest binds the body, so nobody in between can take a card off a hotlist. The
 * server signs with it and the agent verifies with it, so the two cannot drift apart.
 */
public final class TerminalAnswerMac {
    public static final String MAC = "X-CityCard-Answer-Mac";

    private TerminalAnswerMac() {}

    /** What the server MACs. */
    public static byte[] input(
            int status, String method, String pathAndQuery, long requestTime, String terminalId, byte[] body) {
        return ("ANSWER\n" + status + "\n" + method + "\n" + pathAndQuery + "\n" + requestTime + "\n" + terminalId
                        + "\n" + Hex.of(sha256(body)))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The {@value #MAC} header value (upper-case hex of the 8-byte MAC) under a 3DES TAK. */
    public static String mac(
            byte[] tak,
            int status,
            String method,
            String pathAndQuery,
            long requestTime,
            String terminalId,
            byte[] body) {
        return mac(Algorithm.TDES, tak, status, method, pathAndQuery, requestTime, terminalId, body);
    }

    /** {@link #mac(byte[], int, String, String, long, String, byte[])} under a TAK of the algorithm. */
    public static String mac(
            Algorithm algorithm,
            byte[] tak,
            int status,
            String method,
            String pathAndQuery,
            long requestTime,
            String terminalId,
            byte[] body) {
        return Hex.of(CardCrypto.of(algorithm)
                .messageMac(tak, input(status, method, pathAndQuery, requestTime, terminalId, body)));
    }

    /** True when {@code given} (hex, any case) is the answer's MAC under a 3DES TAK; compared in constant time. */
    public static boolean verify(
            byte[] tak,
            int status,
            String method,
            String pathAndQuery,
            long requestTime,
            String terminalId,
            byte[] body,
            String given) {
        return verify(Algorithm.TDES, tak, status, method, pathAndQuery, requestTime, terminalId, body, given);
    }

    /** {@link #verify(byte[], int, String, String, long, String, byte[], String)} under a TAK of the algorithm. */
    public static boolean verify(
            Algorithm algorithm,
            byte[] tak,
            int status,
            String method,
            String pathAndQuery,
            long requestTime,
            String terminalId,
            byte[] body,
            String given) {
        if (given == null) {
            return false;
        }
        String expected = mac(algorithm, tak, status, method, pathAndQuery, requestTime, terminalId, body);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                given.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
