package org.citycard.agent.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.citycard.dictionary.iso8583.Iso8583Packagers;
import org.citycard.dictionary.iso8583.MessageMacs;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.junit.jupiter.api.Test;

/**
 * The clearing server closes a connection that stays silent (citycard.iso.idle-seconds): the agent's next exchange
 * must notice the closed connection and reconnect, not send into it and report "no answer" (which for a load means
 * an unknown outcome and a reversal).
 */
class IsoClientReconnectTest {
    static final byte[] TAK = org.citycard.agent.testing.Hosts.tak("100000000001");

    @Test
    void afterTheHostClosedAnIdleConnection_theNextExchangeReconnects() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        java.util.concurrent.CountDownLatch firstClosed = new java.util.concurrent.CountDownLatch(1);
        try (ServerSocket host = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                ISOPackager packager = Iso8583Packagers.create();
                for (int c = 0; c < 2; c++) {
                    try (Socket s = host.accept()) {
                        connections.incrementAndGet();
                        DataInputStream in = new DataInputStream(s.getInputStream());
                        byte[] frame = new byte[in.readUnsignedShort()];
                        in.readFully(frame);
                        ISOMsg m = new ISOMsg();
                        m.setPackager(packager);
                        m.unpack(frame);
                        m.setResponseMTI();
                        m.set(39, "00");
                        m.set(62, "0000000100000001");
                        MessageMacs.sign(m, TAK);
                        byte[] answer = m.pack();
                        DataOutputStream out = new DataOutputStream(s.getOutputStream());
                        out.writeShort(answer.length);
                        out.write(answer);
                        out.flush();
                        // then the host's idle timeout closes the connection
                    } catch (Exception e) {
                        return;
                    }
                    firstClosed.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
            IsoConfig config =
                    new IsoConfig("127.0.0.1", host.getLocalPort(), Duration.ofSeconds(3), Duration.ofSeconds(10));
            AtomicInteger stans = new AtomicInteger();
            try (IsoClient client = new IsoClient(config, org.citycard.agent.testing.Hosts.signedOn("100000000001"))) {
                HostLink link = new HostLink(client, "100000000001", stans::incrementAndGet);
                link.echo();
                assertThat(firstClosed.await(10, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
                link.echo();
            }
            t.join(10_000);
            assertThat(connections).hasValue(2);
        }
    }
}
