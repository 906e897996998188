package org.citycard.agent.testing;

import java.time.Duration;
import org.citycard.agent.iso.HostLink;
import org.citycard.agent.iso.IsoClient;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.journal.Journal;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;

/** Builds the agent side of the wire against a {@link TestIsoHost} with the demo keys. */
public final class Hosts {
    public static final String TERMINAL = "123456789012";

    private Hosts() {}

    public static byte[] tak(String terminal) {
        return CardCrypto.tdes().diversify(KeySet.demo().key("MTAK"), CardCrypto.terminalDiversifier(terminal));
    }

    public static HostLink link(TestIsoHost host, Journal journal, Duration readTimeout) {
        IsoConfig cfg = new IsoConfig("127.0.0.1", host.port(), Duration.ofSeconds(2), readTimeout);
        return new HostLink(new IsoClient(cfg, tak(TERMINAL)), TERMINAL, journal::nextStan);
    }
}
