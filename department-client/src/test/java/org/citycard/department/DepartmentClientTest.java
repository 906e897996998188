package org.citycard.department;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.citycard.dictionary.exchange.CardStatusEvent;
import org.citycard.dictionary.exchange.DocumentCodec;
import org.citycard.dictionary.exchange.DocumentSignature;
import org.citycard.dictionary.exchange.ExchangeAddresses;
import org.citycard.dictionary.exchange.ExchangeDocument;
import org.citycard.dictionary.exchange.PartyKeys;
import org.citycard.dictionary.exchange.RegistryChange;
import org.citycard.dictionary.exchange.SettlementNotice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The department client against a real Artemis broker (persistent journal, TCP) as the server embeds it. */
class DepartmentClientTest {
    @TempDir
    Path dir;

    EmbeddedActiveMQ broker;
    String url;
    PartyKeys.PartyKey centre;
    PartyKeys.PartyKey department;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            url = "tcp://127.0.0.1:" + s.getLocalPort();
        }
        broker = broker();
        centre = PartyKeys.openOrCreateDemo(dir.resolve("centre.bcfks"), "CENTRE");
        department = PartyKeys.openOrCreateDemo(dir.resolve("dept.bcfks"), "0001");
    }

    private EmbeddedActiveMQ broker() throws Exception {
        Configuration cfg = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("artemis/journal").toString())
                .setBindingsDirectory(dir.resolve("artemis/bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("artemis/large").toString())
                .setPagingDirectory(dir.resolve("artemis/paging").toString())
                .addAcceptorConfiguration("tcp", url);
        EmbeddedActiveMQ b = new EmbeddedActiveMQ();
        b.setConfiguration(cfg);
        return b.start();
    }

    @AfterEach
    void stop() throws Exception {
        broker.stop();
    }

    @Test
    void anOfflineDepartment_receivesEverythingSentWhileAway_evenAcrossABrokerRestart() throws Exception {
        Instant now = Instant.parse("2026-12-02T08:00:00Z");
        for (int i = 1; i <= 3; i++) {
            CardStatusEvent e = new CardStatusEvent().header("CE-0001-" + i, "CENTRE", "0001", now);
            e.cardEvent = "02";
            e.asn = String.format("%020d", i);
            e.cardState = "70";
            e.eventTime = "20261202080000";
            put(e, centre);
        }
        SettlementNotice n = new SettlementNotice().header("SN-0001-20261201", "CENTRE", "0001", now);
        n.businessDate = "20261201";
        n.departmentCode = "0001";
        n.purchaseCount = 2;
        n.grossAmount = 300;
        n.feeAmount = 1;
        n.netAmount = 299;
        n.bankCode = "102100099996";
        n.accountNumber = "6222020000000001";
        put(n, centre);
        // one signed by someone else: refused into refused/, the rest go on
        CardStatusEvent forged = new CardStatusEvent().header("CE-0001-forged", "CENTRE", "0001", now);
        forged.cardEvent = "05";
        forged.asn = String.format("%020d", 9);
        forged.cardState = "90";
        forged.eventTime = "20261202080000";
        put(forged, department);

        broker.stop();
        broker = broker(); // the documents are in the journal, not in memory

        Path out = dir.resolve("out");
        try (DepartmentClient c = new DepartmentClient(url, "0001", department, centre.certificate(), out)) {
            DepartmentClient.Received r = c.listen(Duration.ofSeconds(2), () -> false);
            assertThat(r.byType()).containsEntry("card_status_event", 3).containsEntry("settlement_notice", 1);
            assertThat(r.refused()).isEqualTo(1);
        }
        assertThat(out.resolve("card_status_event/CE-0001-1.xml")).exists();
        assertThat(out.resolve("card_status_event/CE-0001-1.xml.p7s")).exists();
        assertThat(Files.readString(out.resolve("refused/CE-0001-forged.reason.txt")))
                .contains("signature");
        ExchangeDocument back = DocumentCodec.standard()
                .read(Files.readAllBytes(out.resolve("settlement_notice/SN-0001-20261201.xml")));
        assertThat(((SettlementNotice) back).netAmount).isEqualTo(299);
        // nothing is left on the queues: a second run gets nothing
        try (DepartmentClient c = new DepartmentClient(url, "0001", department, centre.certificate(), out)) {
            assertThat(c.listen(Duration.ofMillis(500), () -> false).total()).isZero();
        }
    }

    @Test
    void send_signsWithTheDepartmentsKey_ontoTheInboundAddress() throws Exception {
        RegistryChange rc = new RegistryChange().header("RC-0001-1", "0001", "CENTRE", Instant.now());
        RegistryChange.Person p = new RegistryChange.Person();
        p.registryChange = "D";
        p.citizenId = "11010519491231002X";
        p.deathDate = "20261201";
        rc.persons.add(p);
        byte[] xml;
        try (DepartmentClient c = new DepartmentClient(url, "0001", department, centre.certificate(), dir)) {
            xml = c.send(rc);
        }
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url);
                Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(ExchangeAddresses.inbound("RC")));
            BytesMessage m = (BytesMessage) consumer.receive(10_000);
            assertThat(m).isNotNull();
            byte[] body = new byte[(int) m.getBodyLength()];
            m.readBytes(body);
            assertThat(body).isEqualTo(xml);
            byte[] sig = Base64.getDecoder().decode(m.getStringProperty(ExchangeAddresses.SIGNATURE));
            assertThat(DocumentSignature.verify(body, sig, department.certificate()))
                    .isTrue();
            assertThat(DocumentSignature.verify(body, sig, centre.certificate()))
                    .isFalse();
        }
    }

    private void put(ExchangeDocument d, PartyKeys.PartyKey signer) throws Exception {
        byte[] xml = DocumentCodec.standard().write(d);
        byte[] sig = DocumentSignature.sign(xml, signer);
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url);
                Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(ExchangeAddresses.outbound("0001", d.type())));
            BytesMessage m = s.createBytesMessage();
            m.writeBytes(xml);
            m.setStringProperty(ExchangeAddresses.DOCUMENT_ID, d.documentId());
            m.setStringProperty(ExchangeAddresses.SIGNATURE, Base64.getEncoder().encodeToString(sig));
            p.send(m);
        }
    }
}
