package org.citycard.clearing.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.reference.HotlistService;
import org.citycard.clearing.settlement.CloseProgress;
import org.citycard.clearing.settlement.DayCloseContext;
import org.citycard.clearing.settlement.SettlementFixture;
import org.citycard.clearing.settlement.SettlementRow;
import org.citycard.clearing.socialsecurity.SocialSecurityService;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.exchange.CardStatusEvent;
import org.citycard.dictionary.exchange.Contributions;
import org.citycard.dictionary.exchange.DocumentCodec;
import org.citycard.dictionary.exchange.DocumentSignature;
import org.citycard.dictionary.exchange.ExchangeAddresses;
import org.citycard.dictionary.exchange.ExchangeDocument;
import org.citycard.dictionary.exchange.MedicalMovements;
import org.citycard.dictionary.exchange.PartyKeys;
import org.citycard.dictionary.exchange.ReconciliationStatement;
import org.citycard.dictionary.exchange.RegistryChange;
import org.citycard.dictionary.exchange.SettlementNotice;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.dictionary.xml.ExchangeLayouts;
import org.citycard.dictionary.xml.SchemaGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange on the real embedded broker, with departments connected over TCP as their clients are: outbound
 * documents after a day close and card life events, inbound documents applied once or refused with nothing applied,
 * an offline department receiving everything, and a broker restart losing nothing.
 */
class ExchangeTest extends DayCloseContext {
    private static final DocumentCodec CODEC = DocumentCodec.standard();

    @TempDir
    Path keys;

    SettlementFixture f;
    ExchangeService service;
    InboundProcessor inbound;
    ExchangeRepository repository;
    BrokerConfiguration.BrokerAddress broker;
    PartyKeys.PartyKey centre;

    @BeforeEach
    void setUp() {
        f = fixture();
        service = context.getBean(ExchangeService.class);
        inbound = context.getBean(InboundProcessor.class);
        repository = context.getBean(ExchangeRepository.class);
        broker = context.getBean(BrokerConfiguration.BrokerAddress.class);
        centre = context.getBean(CentreKey.class).get();
    }

    @Test
    void dayClose_sendsEachDepartmentItsStatementAndNotice_receivedWhenItComesOnline_validAndSigned() throws Exception {
        String day = f.newDay();
        String dept = f.department(SettlementFixture.BANK_A, 30);
        String terminal = f.terminal(dept);
        HostCardModel a = f.card(10_000, terminal, dept);
        HostCardModel b = f.card(10_000, terminal, dept);
        f.upload(
                terminal,
                f.purchase(a, 1_999, terminal, dept),
                f.purchase(b, 17, terminal, dept),
                f.purchase(a, 15, terminal, dept));
        f.at(SettlementFixture.next(day), LocalTime.of(1, 0));
        // the department is offline during the close: nothing of its queue has been consumed yet
        f.dayClose.close(day, "test", CloseProgress.NONE);
        SettlementRow row = f.dayClose.closed(day).departments().stream()
                .filter(r -> r.departmentCode().equals(dept))
                .findFirst()
                .orElseThrow();

        List<Received> statements = receive(ExchangeAddresses.outbound(dept, "RS"), 1);
        ReconciliationStatement s = (ReconciliationStatement) statements.get(0).document();
        assertThat(s.documentId()).isEqualTo("RS-" + dept + "-" + day);
        assertThat(List.of(s.purchaseCount, s.grossAmount, s.feeAmount, s.netAmount))
                .containsExactly(row.purchaseCount(), row.gross(), row.fee(), row.net());
        assertThat(s.purchases()).hasSize(3).allSatisfy(p -> assertThat(p.tac).matches("[0-9A-F]{8}"));
        assertThat(s.purchases().stream().mapToLong(p -> p.amount).sum()).isEqualTo(row.gross());
        SettlementNotice n = (SettlementNotice)
                receive(ExchangeAddresses.outbound(dept, "SN"), 1).get(0).document();
        assertThat(n.netAmount).isEqualTo(row.net());
        assertThat(n.bankCode).isEqualTo(SettlementFixture.BANK_A);

        // closing the day again sends nothing twice
        f.dayClose.close(day, "test", CloseProgress.NONE);
        assertThat(receiveAll(ExchangeAddresses.outbound(dept, "RS"), Duration.ofMillis(800)))
                .isEmpty();
    }

    @Test
    void cardLifeEvents_goToSubscribingDepartments_only() throws Exception {
        PartyKeys.PartyKey transit =
                PartyKeys.openOrCreateDemo(keys.resolve("t.bcfks"), "T" + TestData.unique() % 1000);
        String subscriber = transit.party();
        String other = "O" + TestData.unique() % 1000;
        register(subscriber, transit, List.of(), List.of("CE"));
        register(other, transit, List.of(), List.of());
        String asn = "3178" + String.format("%016d", TestData.unique());
        f.reference.registerCard(new Card(asn, CardStates.ACTIVE, null), 0);
        f.reference.changeState(asn, CardStates.LOST);
        f.reference.changeState(asn, CardStates.ACTIVE);

        List<Received> got = receive(ExchangeAddresses.outbound(subscriber, "CE"), 3);
        assertThat(got)
                .extracting(r -> ((CardStatusEvent) r.document()).cardEvent)
                .containsExactly("01", "02", "03");
        assertThat(got).allSatisfy(r -> assertThat(((CardStatusEvent) r.document()).asn)
                .isEqualTo(asn));
        assertThat(receiveAll(ExchangeAddresses.outbound(other, "CE"), Duration.ofMillis(500)))
                .isEmpty();
    }

    @Test
    void inboundDocuments_overTheBroker_areApplied_andADeceasedHoldersCardIsBlocked() throws Exception {
        PartyKeys.PartyKey registry =
                PartyKeys.openOrCreateDemo(keys.resolve("pr.bcfks"), "PR" + TestData.unique() % 1000);
        PartyKeys.PartyKey ss = PartyKeys.openOrCreateDemo(keys.resolve("ss.bcfks"), "SS" + TestData.unique() % 1000);
        register(registry.party(), registry, List.of("RC"), List.of());
        register(ss.party(), ss, List.of("SC", "MM"), List.of());
        String living = citizen();
        String dying = citizen();
        String asn = "3179" + String.format("%016d", TestData.unique());
        f.reference.registerCard(new Card(asn, CardStates.ACTIVE, null), 0, dying);

        RegistryChange rc =
                new RegistryChange().header("RC-" + TestData.unique(), registry.party(), "CENTRE", f.clock.instant());
        rc.persons.add(person("N", living));
        rc.persons.add(person("N", dying));
        RegistryChange death =
                new RegistryChange().header("RC-" + TestData.unique(), registry.party(), "CENTRE", f.clock.instant());
        RegistryChange.Person d = new RegistryChange.Person();
        d.registryChange = "D";
        d.citizenId = dying;
        d.deathDate = "20301231";
        death.persons.add(d);
        Contributions sc =
                new Contributions().header("SC-" + TestData.unique(), ss.party(), "CENTRE", f.clock.instant());
        Contributions.Contribution c = new Contributions.Contribution();
        c.citizenId = living;
        c.contributionMonth = "203012";
        c.insuranceType = "110";
        c.contributionBase = 800_000;
        c.employerAmount = 128_000;
        c.personalAmount = 64_000;
        c.payerName = "城市公交集团";
        sc.contributions.add(c);
        MedicalMovements mm =
                new MedicalMovements().header("MM-" + TestData.unique(), ss.party(), "CENTRE", f.clock.instant());
        MedicalMovements.Movement m = new MedicalMovements.Movement();
        m.citizenId = living;
        m.movementDate = "20301230";
        m.movementId = "MV" + TestData.unique();
        m.movementDirection = "I";
        m.amount = 25_000;
        m.medicalBalance = 125_000;
        m.movementDescription = "月度划入";
        mm.movements.add(m);

        sendOverBroker(rc, registry);
        sendOverBroker(death, registry);
        sendOverBroker(sc, ss);
        sendOverBroker(mm, ss);
        for (ExchangeDocument doc : List.of(rc, death, sc, mm)) {
            await(() -> repository.document(doc.documentId()).isPresent());
        }

        assertThat(repository.person(living).orElseThrow().status()).isEqualTo("REGISTERED");
        assertThat(repository.person(dying).orElseThrow().status()).isEqualTo("DECEASED");
        assertThat(context.getBean(HotlistService.class).find(asn)).isPresent();
        SocialSecurityService social = context.getBean(SocialSecurityService.class);
        assertThat(social.contributions(living)).hasSize(1);
        assertThat(social.medicalAccount(living).balance()).isEqualTo(125_000L);
    }

    @Test
    void aBadSignature_anInvalidDocument_andADuplicateId_areRefusedToTheDeadLetterAddress_withNothingApplied()
            throws Exception {
        PartyKeys.PartyKey registry =
                PartyKeys.openOrCreateDemo(keys.resolve("pr.bcfks"), "PB" + TestData.unique() % 1000);
        PartyKeys.PartyKey stranger = PartyKeys.openOrCreateDemo(keys.resolve("x.bcfks"), registry.party());
        register(registry.party(), registry, List.of("RC"), List.of());
        drain(ExchangeAddresses.DEAD);

        // signed by someone else's key
        String forged = citizen();
        RegistryChange doc1 = registryDoc(registry.party(), forged);
        byte[] xml1 = CODEC.write(doc1);
        Outcome o1 = inbound.receive(xml1, DocumentSignature.sign(xml1, stranger));
        assertThat(o1.status()).isEqualTo("REFUSED");
        assertThat(o1.reason()).contains("signature");
        assertThat(repository.person(forged)).isEmpty();
        assertThat(repository.document(doc1.documentId())).isEmpty();

        // a valid signature over a document that breaks its schema (sex code 7)
        String invalid = citizen();
        RegistryChange doc2 = registryDoc(registry.party(), invalid);
        doc2.persons.get(0).sex = "7";
        byte[] xml2 = CODEC.writeUnchecked(doc2);
        Outcome o2 = inbound.receive(xml2, DocumentSignature.sign(xml2, registry));
        assertThat(o2.status()).isEqualTo("REFUSED");
        assertThat(o2.reason()).contains("invalid document").contains("'7'");
        assertThat(repository.person(invalid)).isEmpty();

        // a document whose ID was applied before: the second one (another person) changes nothing
        String first = citizen();
        String second = citizen();
        RegistryChange doc3 = registryDoc(registry.party(), first);
        byte[] xml3 = CODEC.write(doc3);
        assertThat(inbound.receive(xml3, DocumentSignature.sign(xml3, registry)).status())
                .isEqualTo("APPLIED");
        RegistryChange doc4 = registryDoc(registry.party(), second);
        doc4.header.documentId = doc3.documentId();
        byte[] xml4 = CODEC.write(doc4);
        Outcome o4 = inbound.receive(xml4, DocumentSignature.sign(xml4, registry));
        assertThat(o4.status()).isEqualTo("REFUSED");
        assertThat(o4.reason()).contains("document_id").contains(doc3.documentId());
        assertThat(repository.person(second)).isEmpty();

        // a change in a document that fails half-way (C for an unknown person after an N): none of it applied
        String half = citizen();
        RegistryChange doc5 = registryDoc(registry.party(), half);
        doc5.persons.add(person("C", citizen()));
        byte[] xml5 = CODEC.write(doc5);
        Outcome o5 = inbound.receive(xml5, DocumentSignature.sign(xml5, registry));
        assertThat(o5.reason()).contains("not in the registry");
        assertThat(repository.person(half)).isEmpty();

        Map<String, String> dead = new LinkedHashMap<>();
        for (Message msg : receiveRaw(ExchangeAddresses.DEAD, 4)) {
            dead.put(
                    msg.getStringProperty(ExchangeAddresses.DOCUMENT_ID),
                    msg.getStringProperty(ExchangeAddresses.REASON));
        }
        assertThat(dead).containsKeys(doc1.documentId(), doc2.documentId(), doc3.documentId(), doc5.documentId());
        assertThat(dead.get(doc1.documentId())).contains("signature");

        // the refused one is replayed once the cause is gone: the real registry's signature over the same bytes
        // would be a new submission; a replay of the forged one stays refused
        assertThat(service.replay(doc1.documentId())).containsEntry("status", "REFUSED");
    }

    @Test
    void brokerRestartedMidStream_losesNothing_andAnOfflineDepartmentGetsEverything() throws Exception {
        PartyKeys.PartyKey dept = PartyKeys.openOrCreateDemo(keys.resolve("d.bcfks"), "R" + TestData.unique() % 1000);
        register(dept.party(), dept, List.of(), List.of("CE"));
        OutboundPublisher publisher = context.getBean(OutboundPublisher.class);
        EmbeddedActiveMQ embedded = context.getBean(EmbeddedActiveMQ.class);
        List<String> asns = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            asns.add("3170" + String.format("%016d", TestData.unique()));
        }
        for (int i = 0; i < 5; i++) {
            publisher.cardEvent(asns.get(i), "02", "70");
        }
        embedded.stop(); // the broker goes away; its journal stays
        try {
            for (int i = 5; i < 10; i++) {
                publisher.cardEvent(asns.get(i), "02", "70");
            }
            assertThat(repository.pending(1000)).isNotEmpty();
        } finally {
            embedded.start(); // a new broker on the same journal, as after a process restart
        }
        await(() ->
                repository.pending(1000).stream().noneMatch(d -> d.receiver().equals(dept.party())));
        List<Received> got = receive(ExchangeAddresses.outbound(dept.party(), "CE"), 10);
        assertThat(got).extracting(r -> ((CardStatusEvent) r.document()).asn).containsExactlyInAnyOrderElementsOf(asns);
        assertThat(receiveAll(ExchangeAddresses.outbound(dept.party(), "CE"), Duration.ofMillis(500)))
                .isEmpty();
        System.out.printf(
                "exchange: broker restarted with 5 of 10 documents pending: 10 received, 0 lost, 0 doubled%n");
    }

    // ------------------------------------------------------------------ helpers

    record Received(ExchangeDocument document, byte[] xml) {}

    private void register(String code, PartyKeys.PartyKey key, List<String> maySend, List<String> subscribes) {
        service.putParty(
                code,
                new ExchangeService.PartyRequest(
                        "测试方 " + code, PartyKeys.toPem(key.certificate()), maySend, subscribes));
    }

    private RegistryChange registryDoc(String sender, String citizen) {
        RegistryChange d = new RegistryChange().header("RC-" + TestData.unique(), sender, "CENTRE", f.clock.instant());
        d.persons.add(person("N", citizen));
        return d;
    }

    private static RegistryChange.Person person(String kind, String citizen) {
        RegistryChange.Person p = new RegistryChange.Person();
        p.registryChange = kind;
        p.citizenId = citizen;
        p.name = "李四";
        p.sex = "1";
        p.birthDate = citizen.substring(6, 14);
        return p;
    }

    /** A citizen ID nobody else uses, with its check digit. */
    private static String citizen() {
        String body = "110105" + "1980" + "0101" + String.format("%03d", TestData.unique() % 1000);
        String id = body + CitizenId.checkCharacter(body);
        return id;
    }

    private void sendOverBroker(ExchangeDocument doc, PartyKeys.PartyKey key) throws Exception {
        byte[] xml = CODEC.write(doc);
        byte[] sig = DocumentSignature.sign(xml, key);
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(broker.url());
                Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(ExchangeAddresses.inbound(doc.type())));
            BytesMessage m = s.createBytesMessage();
            m.writeBytes(xml);
            m.setStringProperty(ExchangeAddresses.DOCUMENT_ID, doc.documentId());
            m.setStringProperty(ExchangeAddresses.SIGNATURE, Base64.getEncoder().encodeToString(sig));
            p.send(m);
        }
    }

    /** Takes {@code n} documents from a department's queue over TCP, each verified, parsed and validated. */
    private List<Received> receive(String queue, int n) throws Exception {
        List<Received> out = new ArrayList<>();
        for (Message m : receiveRaw(queue, n)) {
            out.add(check(m));
        }
        return out;
    }

    private Received check(Message m) throws Exception {
        BytesMessage b = (BytesMessage) m;
        byte[] xml = new byte[(int) b.getBodyLength()];
        b.readBytes(xml);
        byte[] sig = Base64.getDecoder().decode(b.getStringProperty(ExchangeAddresses.SIGNATURE));
        assertThat(DocumentSignature.verify(xml, sig, centre.certificate()))
                .as("centre's signature")
                .isTrue();
        ExchangeDocument d = CODEC.read(xml);
        // an independent validator on the XSD as written to docs/
        ExchangeLayouts.Layout l = ExchangeLayouts.standard().layout(d.type());
        Path xsd = Path.of("../docs/dictionary/exchange").resolve(SchemaGenerator.fileName(l));
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(xsd.toFile())
                .newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(xml)));
        xmllint(xsd, xml);
        return new Received(d, xml);
    }

    private void xmllint(Path xsd, byte[] xml) throws Exception {
        boolean installed = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            installed |= Files.isExecutable(Path.of(dir, "xmllint"));
        }
        if (!installed) {
            return;
        }
        Path file = keys.resolve("doc-" + TestData.unique() + ".xml");
        Files.write(file, xml);
        Process p = new ProcessBuilder(
                        "xmllint", "--noout", "--schema", xsd.toAbsolutePath().toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("xmllint: " + out).isZero();
    }

    private List<Message> receiveRaw(String queue, int n) throws Exception {
        List<Message> out = new ArrayList<>();
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(broker.url());
                Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (out.size() < n && System.nanoTime() < deadline) {
                Message m = consumer.receive(500);
                if (m != null) {
                    out.add(m);
                }
            }
        }
        assertThat(out).as("messages on " + queue).hasSize(n);
        return out;
    }

    private List<Message> receiveAll(String queue, Duration wait) throws Exception {
        List<Message> out = new ArrayList<>();
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(broker.url());
                Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            Message m;
            while ((m = consumer.receive(wait.toMillis())) != null) {
                out.add(m);
            }
        }
        return out;
    }

    private void drain(String queue) throws Exception {
        receiveAll(queue, Duration.ofMillis(300));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
