package org.citycard.department;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.citycard.dictionary.exchange.DocumentCodec;
import org.citycard.dictionary.exchange.DocumentSignature;
import org.citycard.dictionary.exchange.ExchangeAddresses;
import org.citycard.dictionary.exchange.ExchangeDocument;
import org.citycard.dictionary.exchange.PartyKeys;
import org.citycard.dictionary.xml.ExchangeLayouts;
import org.citycard.dictionary.xml.ExchangeSchemas.InvalidDocumentException;

/**
 * A department's exchange client. Received documents are written to {@code <out>/<document>/<id>.xml} with the
 * centre's signature beside them ({@code .p7s}); a document written again (the centre replayed it) is the same
 * file. A document that is not signed by the centre, breaks its schema or is addressed to someone else is written
 * to {@code <out>/refused/} with the reason and taken off the queue. Each message is acknowledged only after its
 * file is on disk (a transacted session), so a client killed mid-way gets it again.
 */
public final class DepartmentClient implements AutoCloseable {
    private final String party;
    private final PartyKeys.PartyKey key;
    private final X509Certificate centre;
    private final Path out;
    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final DocumentCodec codec = DocumentCodec.standard();

    /** What one listening run took in: documents written per type, and refused ones. */
    public record Received(Map<String, Integer> byType, int refused, List<Path> files) {
        public int total() {
            return byType.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public DepartmentClient(String brokerUrl, String party, PartyKeys.PartyKey key, X509Certificate centre, Path out)
            throws JMSException {
        this.party = party;
        this.key = key;
        this.centre = centre;
        this.out = out;
        this.factory = new ActiveMQConnectionFactory(brokerUrl);
        this.connection = factory.createConnection();
        connection.start();
    }

    /**
     * Receives the department's documents until {@code stop} says so, or — with {@code idle} — until no document
     * arrived for that long.
     */
    public Received listen(Duration idle, BooleanSupplier stop) throws JMSException {
        Map<String, Integer> byType = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        int refused = 0;
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            List<MessageConsumer> consumers = new ArrayList<>();
            for (ExchangeLayouts.Layout l : ExchangeLayouts.standard().layouts()) {
                if (!l.inbound()) {
                    consumers.add(
                            session.createConsumer(session.createQueue(ExchangeAddresses.outbound(party, l.type()))));
                }
            }
            long lastSeen = System.nanoTime();
            while (!stop.getAsBoolean()) {
                boolean any = false;
                for (MessageConsumer c : consumers) {
                    Message m = c.receive(100);
                    if (m == null) {
                        continue;
                    }
                    any = true;
                    Path written = take(m);
                    session.commit();
                    if (written.getParent().getFileName().toString().equals("refused")) {
                        refused++;
                    } else {
                        byType.merge(written.getParent().getFileName().toString(), 1, Integer::sum);
                        files.add(written);
                    }
                }
                if (any) {
                    lastSeen = System.nanoTime();
                } else if (idle != null && System.nanoTime() - lastSeen > idle.toNanos()) {
                    break;
                }
            }
        } finally {
            session.close();
        }
        return new Received(byType, refused, files);
    }

    private Path take(Message m) throws JMSException {
        String id = m.getStringProperty(ExchangeAddresses.DOCUMENT_ID);
        String name = id == null ? "message-" + m.getJMSMessageID() : id;
        if (!(m instanceof BytesMessage b)) {
            return refuse(
                    name, new byte[0], null, "not a document: a " + m.getClass().getSimpleName());
        }
        byte[] xml = new byte[(int) b.getBodyLength()];
        b.readBytes(xml);
        String sigText = m.getStringProperty(ExchangeAddresses.SIGNATURE);
        byte[] sig;
        try {
            sig = sigText == null ? new byte[0] : Base64.getDecoder().decode(sigText);
        } catch (IllegalArgumentException e) {
            sig = new byte[0];
        }
        if (!DocumentSignature.verify(xml, sig, centre)) {
            return refuse(name, xml, sig, "signature: not the clearing centre's (or missing)");
        }
        ExchangeDocument doc;
        try {
            doc = codec.read(xml);
        } catch (InvalidDocumentException e) {
            return refuse(name, xml, sig, "invalid document: " + e.getMessage());
        }
        if (!party.equals(doc.header.receiver)) {
            return refuse(name, xml, sig, "header/receiver '" + doc.header.receiver + "': this client is " + party);
        }
        String root = ExchangeLayouts.standard().layout(doc.type()).root();
        Path target = out.resolve(root).resolve(safe(doc.documentId()) + ".xml");
        write(target, xml);
        write(out.resolve(root).resolve(safe(doc.documentId()) + ".xml.p7s"), sig);
        return target;
    }

    private Path refuse(String name, byte[] xml, byte[] sig, String reason) {
        Path target = out.resolve("refused").resolve(safe(name) + ".xml");
        write(target, xml);
        write(out.resolve("refused").resolve(safe(name) + ".reason.txt"), reason.getBytes(StandardCharsets.UTF_8));
        return target;
    }

    /** Signs a document of the department's with its key and sends it to the centre; returns its bytes. */
    public byte[] send(ExchangeDocument doc) throws JMSException {
        byte[] xml = codec.write(doc);
        send(xml, DocumentSignature.sign(xml, key), doc.documentId(), doc.type());
        return xml;
    }

    /** Sends a document file as it is (validated first), signed with the department's key. */
    public String sendFile(Path file) throws IOException, JMSException {
        byte[] xml = Files.readAllBytes(file);
        ExchangeDocument doc = codec.read(xml);
        send(xml, DocumentSignature.sign(xml, key), doc.documentId(), doc.type());
        return doc.documentId();
    }

    private void send(byte[] xml, byte[] signature, String id, String type) throws JMSException {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer p = s.createProducer(s.createQueue(ExchangeAddresses.inbound(type)));
            BytesMessage m = s.createBytesMessage();
            m.writeBytes(xml);
            m.setStringProperty(ExchangeAddresses.DOCUMENT_ID, id);
            m.setStringProperty(ExchangeAddresses.DOCUMENT_TYPE, type);
            m.setStringProperty(ExchangeAddresses.SENDER, party);
            m.setStringProperty(ExchangeAddresses.SIGNATURE, Base64.getEncoder().encodeToString(signature));
            p.send(m);
        }
    }

    private static void write(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    @Override
    public void close() throws JMSException {
        try {
            connection.close();
        } finally {
            factory.close();
        }
    }
}
