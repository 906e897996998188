package org.citycard.dictionary.iso8583;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;

/**
 * The MAC of a terminal's HTTP request, beside {@link MessageMacs} (the ISO 8583 MACs): the same retail MAC under
 * the terminal's TAK, over {@code METHOD \n path?query \n time \n terminal ID} in UTF-8, sent as hex in
 * {@value #MAC} with {@value #TERMINAL} and {@value #TIME} (Unix seconds). The agent signs with it and the server's
 * terminal filter verifies with it, so the two cannot drift apart.
 */
public final class TerminalRequestMac {
    public static final String TERMINAL = "X-CityCard-Terminal";
    public static final String TIME = "X-CityCard-Time";
    public static final String MAC = "X-CityCard-Mac";

    private TerminalRequestMac() {}

    /** What the terminal MACs. */
    public static byte[] input(String method, String pathAndQuery, long time, String terminalId) {
        return (method + "\n" + pathAndQuery + "\n" + time + "\n" + terminalId).getBytes(StandardCharsets.UTF_8);
    }

    /** The {@value #MAC} header value (upper-case hex of the 8-byte MAC) under a 3DES TAK. */
    public static String mac(byte[] tak, String method, String pathAndQuery, long time, String terminalId) {
        return mac(Algorithm.TDES, tak, method, pathAndQuery, time, terminalId);
    }

    /** {@link #mac(byte[], String, String, long, String)} under a TAK of the algorithm (SM4: leftmost 8 bytes). */
    public static String mac(
            Algorithm algorithm, byte[] tak, String method, String pathAndQuery, long time, String terminalId) {
        return Hex.of(CardCrypto.of(algorithm).messageMac(tak, input(method, pathAndQuery, time, terminalId)));
    }

    /** True when {@code given} (hex, any case) is the request's MAC under a 3DES TAK; compared in constant time. */
    public static boolean verify(
            byte[] tak, String method, String pathAndQuery, long time, String terminalId, String given) {
        return verify(Algorithm.TDES, tak, method, pathAndQuery, time, terminalId, given);
    }

    /** {@link #verify(byte[], String, String, long, String, String)} under a TAK of the algorithm. */
    public static boolean verify(
            Algorithm algorithm,
            byte[] tak,
            String method,
            String pathAndQuery,
            long time,
            String terminalId,
            String given) {
        if (given == null) {
            return false;
        }
        String expected = mac(algorithm, tak, method, pathAndQuery, time, terminalId);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                given.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
