package org.citycard.system.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.citycard.agent.hotlist.HttpServerApi;
import org.citycard.agent.hotlist.ServerApi;
import org.citycard.agent.iso.HostLink;
import org.citycard.agent.iso.IsoClient;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.iso.IsoException;
import org.citycard.agent.iso.WorkingKeys;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.TestData;
import org.citycard.dictionary.crypto.TerminalKey;
import org.citycard.dictionary.crypto.TlsContexts;
import org.citycard.system.TestDirs;
import org.citycard.system.city.ClearingHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * REST and ISO 8583 over TLS (DESIGN §3.8 "on the wire"), with a CA made in the test: the server serves both
 * endpoints with its certificate from its key store; the agent trusts only the CA it was given, so it signs on, MACs
 * and fetches its parameters over TLS, and refuses a server whose certificate another CA signed. A terminal speaking
 * plain TCP to the TLS port gets nothing.
 */
class TlsTest {
    static final char[] PASSWORD = "tls store secret".toCharArray();
    static Path dir;
    static ClearingHost server;
    static SSLContext trustOurCa;
    static SSLContext trustAnotherCa;
    static String terminalId;

    @BeforeAll
    static void start() throws Exception {
        dir = java.nio.file.Files.createDirectories(TestDirs.fresh("tls"));
        TestCa ca = TestCa.create("CityCard test CA");
        Path serverStore = ca.serverStore(dir.resolve("server-tls.p12"), PASSWORD);
        trustOurCa = TlsContexts.trusting(ca.trustStore(dir.resolve("trust.p12"), PASSWORD), PASSWORD);
        trustAnotherCa = TlsContexts.trusting(
                TestCa.create("Somebody else's CA").trustStore(dir.resolve("other-trust.p12"), PASSWORD), PASSWORD);
        String bundle = "spring.ssl.bundle.jks.citycard-tls.keystore.";
        server = ClearingHost.start(
                dir.resolve("server"),
                0,
                0,
                "--" + bundle + "location=file:" + serverStore,
                "--" + bundle + "password=" + new String(PASSWORD),
                "--" + bundle + "type=PKCS12",
                "--server.ssl.bundle=citycard-tls",
                "--citycard.iso.ssl-bundle=citycard-tls");
        TestData data = new TestData(server.bean(ReferenceService.class));
        terminalId = data.terminal(data.department(20));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    IsoConfig iso(String host) {
        return new IsoConfig(host, server.isoPort(), Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @Test
    void theAgent_signsOnAndCallsRest_overTls_trustingTheCentresCa() throws Exception {
        WorkingKeys keys = new WorkingKeys(TerminalKey.demo(terminalId));
        try (HostLink link = new HostLink(
                new IsoClient(iso("localhost").withTls(trustOurCa), keys),
                terminalId,
                new java.util.concurrent.atomic.AtomicInteger()::incrementAndGet)) {
            assertThat(link.signOn().hotlist()).matches("\\d{8}");
            assertThat(link.echo().parameters()).matches("\\d{8}");
            ServerApi api = new HttpServerApi(
                            "https://localhost:" + server.httpPort(), Duration.ofSeconds(5), trustOurCa)
                    .authenticatedAs(terminalId, keys, link::signOn);
            assertThat(api.parameters(terminalId).version()).isPositive();
        }
    }

    @Test
    void aServerWhoseCertificateAnotherCaSigned_isRefused() {
        WorkingKeys keys = new WorkingKeys(TerminalKey.demo(terminalId));
        try (HostLink link =
                new HostLink(new IsoClient(iso("localhost").withTls(trustAnotherCa), keys), terminalId, () -> 1)) {
            assertThatThrownBy(link::signOn)
                    .isInstanceOf(IsoException.class)
                    .hasMessageContaining("TLS with localhost");
        }
        assertThat(keys.signedOn()).isFalse();
        ServerApi api = new HttpServerApi(
                        "https://localhost:" + server.httpPort(), Duration.ofSeconds(5), trustAnotherCa)
                .authenticatedAs(terminalId, keys, () -> {});
        assertThatThrownBy(() -> api.parameters(terminalId)).isInstanceOf(IOException.class);
    }

    @Test
    void plainTcpToTheTlsPort_getsNoAnswer() {
        WorkingKeys keys = new WorkingKeys(TerminalKey.demo(terminalId));
        try (HostLink link = new HostLink(new IsoClient(iso("127.0.0.1"), keys), terminalId, () -> 1)) {
            assertThatThrownBy(link::signOn).isInstanceOf(IsoException.class);
        }
        assertThat(keys.signedOn()).isFalse();
    }
}
