package org.citycard.cardlink;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Logs every exchange at DEBUG through {@link System.Logger}: the command's header (CLA INS P1 P2) and length, the
 * answer's status word and length, the time the card took. Never the data: a command may carry an encrypted key, a
 * PIN block or a MAC, an answer personal data.
 */
public final class LoggingTransport implements ApduTransport {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final ApduTransport inner;
    private final System.Logger log;
    private final String name;

    /** Logs the exchanges of {@code inner} to the logger {@code org.citycard.cardlink.apdu}, naming {@code name}. */
    public LoggingTransport(ApduTransport inner, String name) {
        this(inner, name, System.getLogger("org.citycard.cardlink.apdu"));
    }

    LoggingTransport(ApduTransport inner, String name, System.Logger log) {
        this.inner = inner;
        this.name = name;
        this.log = log;
    }

    @Override
    public byte[] transmit(byte[] command) {
        if (!log.isLoggable(System.Logger.Level.DEBUG)) {
            return inner.transmit(command);
        }
        long t0 = System.nanoTime();
        try {
            byte[] answer = inner.transmit(command);
            log.log(
                    System.Logger.Level.DEBUG,
                    "{0}: {1} ({2} bytes) -> {3} ({4} bytes) in {5} us",
                    name,
                    header(command),
                    command.length,
                    sw(answer),
                    answer == null ? 0 : answer.length,
                    (System.nanoTime() - t0) / 1000);
            return answer;
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.DEBUG, "{0}: {1} -> no answer: {2}", name, header(command), e.getMessage());
            throw e;
        }
    }

    static String header(byte[] command) {
        return HEX.formatHex(Arrays.copyOf(command, Math.min(4, command.length)));
    }

    static String sw(byte[] answer) {
        return answer == null || answer.length < 2 ? "----" : HEX.formatHex(answer, answer.length - 2, answer.length);
    }
}
