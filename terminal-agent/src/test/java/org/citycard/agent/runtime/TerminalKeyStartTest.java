package org.citycard.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.citycard.agent.iso.HostLink;
import org.citycard.agent.iso.IsoClient;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.iso.IsoException;
import org.citycard.agent.iso.WorkingKeys;
import org.citycard.agent.journal.Journal;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.crypto.TerminalKey;
import org.citycard.dictionary.iso8583.Iso8583Packagers;
import org.citycard.dictionary.iso8583.MessageMacs;
import org.citycard.dictionary.record.WorkingKeyBlock;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.junit.jupiter.api.Test;

/** A terminal starts only with its own key, and takes a working key only when it was made for its TMK. */
class TerminalKeyStartTest {
    static final String TERMINAL = "310100000077";
    static final IsoConfig NOWHERE = new IsoConfig("127.0.0.1", 9, Duration.ofMillis(100), Duration.ofMillis(100));
    static final ApduTransport NO_PSAM = apdu -> {
        throw new IllegalStateException("no PSAM in this test");
    };

    @Test
    void withoutAKey_theAgentRefusesToStart_namingBothWays() {
        try (Journal j = Journal.inMemory("nokey" + System.nanoTime())) {
            assertThatThrownBy(() -> TerminalAgent.builder()
                            .psam(NO_PSAM)
                            .terminalId(TERMINAL)
                            .journal(j)
                            .iso(NOWHERE)
                            .build())
                    .hasMessageContaining("--key-set FILE")
                    .hasMessageContaining("--key-set demo");
        }
    }

    @Test
    void anotherTerminalsKeyStore_isRefusedAtStart() {
        try (Journal j = Journal.inMemory("otherkey" + System.nanoTime())) {
            assertThatThrownBy(() -> TerminalAgent.builder()
                            .psam(NO_PSAM)
                            .terminalId(TERMINAL)
                            .journal(j)
                            .iso(NOWHERE)
                            .terminalKey(TerminalKey.random("310100000078"))
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("holds the key of terminal 310100000078")
                    .hasMessageContaining("this terminal is " + TERMINAL);
        }
    }

    /**
     * A sign-on answered with a working key made under another TMK (MACed with this terminal's SOK, so only the
     * check value can tell): the agent refuses it and stays without a working key.
     */
    @Test
    void aWorkingKeyMadeForAnotherTmk_isRefused() throws Exception {
        TerminalKey mine = TerminalKey.random(TERMINAL);
        TerminalKey other = TerminalKey.random(TERMINAL);
        try (ServerSocket host = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                ISOPackager packager = Iso8583Packagers.create();
                try (Socket s = host.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    byte[] frame = new byte[in.readUnsignedShort()];
                    in.readFully(frame);
                    ISOMsg m = new ISOMsg();
                    m.setPackager(packager);
                    m.unpack(frame);
                    m.setResponseMTI();
                    m.set(39, "00");
                    m.set(48, WorkingKeyBlock.seal(other.tmk(), new byte[16]).bytes());
                    m.set(62, "0000000100000001");
                    MessageMacs.sign(m, mine.signOnKey());
                    byte[] answer = m.pack();
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                } catch (Exception e) {
                    // the test fails on its own assertions
                }
            });
            t.setDaemon(true);
            t.start();
            WorkingKeys keys = new WorkingKeys(mine);
            IsoConfig cfg =
                    new IsoConfig("127.0.0.1", host.getLocalPort(), Duration.ofSeconds(2), Duration.ofSeconds(5));
            try (HostLink link = new HostLink(new IsoClient(cfg, keys), TERMINAL, () -> 1)) {
                assertThatThrownBy(link::signOn)
                        .isInstanceOf(IsoException.class)
                        .hasMessageContaining("tak_check_value");
            }
            assertThat(keys.signedOn()).isFalse();
            t.join(5_000);
        }
    }
}
