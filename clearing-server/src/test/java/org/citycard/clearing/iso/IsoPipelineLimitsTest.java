package org.citycard.clearing.iso;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.InputStream;
import java.net.Socket;
import org.citycard.clearing.config.CityCardProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ISO 8583 port's bounds, on the real Netty bootstrap: the connection cap, the idle timeout, and backpressure
 * (reading stops while the peer does not take its answers). No message is sent, so no dispatcher is needed.
 */
class IsoPipelineLimitsTest {
    IsoServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    IsoServer start(int idleSeconds, int maxConnections) {
        server = new IsoServer(null, new CityCardProperties.Iso("127.0.0.1", 0, 1, 1, idleSeconds, maxConnections));
        server.start();
        return server;
    }

    @Test
    void oneConnectionOverTheCap_isClosedAtOnce_andTheOthersStayOpen() throws Exception {
        start(60, 2);
        try (Socket a = new Socket("127.0.0.1", server.port());
                Socket b = new Socket("127.0.0.1", server.port())) {
            waitForOpen(2);
            try (Socket c = new Socket("127.0.0.1", server.port())) {
                c.setSoTimeout(10_000);
                assertThat(c.getInputStream().read())
                        .as("the third connection is closed")
                        .isEqualTo(-1);
            }
            assertThat(server.openConnections()).isEqualTo(2);
            assertThat(a.isClosed() || b.isClosed()).isFalse();
        }
        waitForOpen(0);
        try (Socket d = new Socket("127.0.0.1", server.port())) {
            waitForOpen(1);
        }
    }

    @Test
    void aSilentConnection_isClosedAfterTheIdleTimeout() throws Exception {
        start(1, 10);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            assertThat(in.read()).as("closed by the server").isEqualTo(-1);
        }
    }

    @Test
    void whileThePeerTakesNoAnswers_readingStops_andResumesWhenItDrains() {
        EmbeddedChannel ch = new EmbeddedChannel(new IsoServer.Backpressure());
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false); // what a full outbound buffer does
        ch.runPendingTasks();
        assertThat(ch.isWritable()).isFalse();
        assertThat(ch.config().isAutoRead()).isFalse();
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.finishAndReleaseAll();
    }

    private void waitForOpen(int n) throws InterruptedException {
        for (int i = 0; i < 500 && server.openConnections() != n; i++) {
            Thread.sleep(10);
        }
        assertThat(server.openConnections()).isEqualTo(n);
    }
}
