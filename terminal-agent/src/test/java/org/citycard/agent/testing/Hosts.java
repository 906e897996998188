package org.citycard.agent.testing;

import java.time.Duration;
import org.citycard.agent.iso.HostLink;
import org.citycard.agent.iso.IsoClient;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.iso.WorkingKeys;
import org.citycard.agent.journal.Journal;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.TerminalKey;
import org.citycard.dictionary.record.WorkingKeyBlock;

/** Builds the agent side of the wire against a {@link TestIsoHost} with the terminal's demo key. */
public final class Hosts {
    public static final String TERMINAL = "123456789012";
    /** A working key for tests that call an HTTP API without an ISO 8583 sign-on first. */
    private static final byte[] TEST_TAK = Hex.parse("0F1E2D3C4B5A69788796A5B4C3D2E1F0");

    private Hosts() {}

    /** The TAK {@link #signedOn} holds. */
    public static byte[] tak(String terminal) {
        return TEST_TAK.clone();
    }

    /** A terminal's keys as after a sign-on that brought {@link #tak}. */
    public static WorkingKeys signedOn(String terminal) {
        TerminalKey key = TerminalKey.demo(terminal);
        WorkingKeys keys = new WorkingKeys(key);
        keys.take(WorkingKeyBlock.seal(key.tmk(), TEST_TAK));
        return keys;
    }

    public static HostLink link(TestIsoHost host, Journal journal, Duration readTimeout) {
        IsoConfig cfg = new IsoConfig("127.0.0.1", host.port(), Duration.ofSeconds(2), readTimeout);
        return new HostLink(
                new IsoClient(cfg, new WorkingKeys(TerminalKey.demo(TERMINAL))), TERMINAL, journal::nextStan);
    }
}
