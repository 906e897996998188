package org.citycard.cardlink;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a trace of the exchanges through a transport, for tests and for diagnosing a card: each command's header
 * and length with its answer's status word and length. The data are not kept (keys, PIN blocks and personal data
 * travel in them); a test that needs the bytes wraps its own transport.
 */
public final class TracingTransport implements ApduTransport {
    /** One exchange: the command header (CLA INS P1 P2 in hex), lengths and the status word (hex, "----" if none). */
    public record Exchange(String header, int commandLength, String sw, int answerLength) {
        @Override
        public String toString() {
            return header + " (" + commandLength + ") -> " + sw + " (" + answerLength + ")";
        }
    }

    private final ApduTransport inner;
    private final List<Exchange> trace = new ArrayList<>();

    public TracingTransport(ApduTransport inner) {
        this.inner = inner;
    }

    @Override
    public byte[] transmit(byte[] command) {
        byte[] answer;
        try {
            answer = inner.transmit(command);
        } catch (RuntimeException e) {
            record(new Exchange(LoggingTransport.header(command), command.length, "----", 0));
            throw e;
        }
        record(new Exchange(
                LoggingTransport.header(command),
                command.length,
                LoggingTransport.sw(answer),
                answer == null ? 0 : answer.length));
        return answer;
    }

    private synchronized void record(Exchange e) {
        trace.add(e);
    }

    /** The exchanges so far, oldest first. */
    public synchronized List<Exchange> trace() {
        return List.copyOf(trace);
    }
}
