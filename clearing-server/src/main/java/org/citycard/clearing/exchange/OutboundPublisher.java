package org.citycard.clearing.exchange;

import jakarta.jms.BytesMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.citycard.clearing.support.NotFoundException;
import org.citycard.dictionary.exchange.CardStatusEvent;
import org.citycard.dictionary.exchange.DocumentCodec;
import org.citycard.dictionary.exchange.DocumentSignature;
import org.citycard.dictionary.exchange.ExchangeAddresses;
import org.citycard.dictionary.exchange.ExchangeDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Sends the centre's documents: each written (validated against its XSD; a statement's purchases as {@link
 * StatementXml} says), signed with the centre's key, stored with
 * its bytes (PENDING) and only then put on the receiver's address for its type; marked SENT once the broker took it
 * (a persistent message: the broker keeps it in its journal until the department takes it, however long it is
 * offline). What the broker did not take is sent again every few seconds. A document ID is stored once: publishing
 * it again (a day closed again) sends nothing.
 */
@Service
public class OutboundPublisher {
    private static final Logger log = LoggerFactory.getLogger(OutboundPublisher.class);
    private final AtomicLong counter = new AtomicLong();
    private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final ExchangeRepository repository;
    private final DocumentFiles files;
    private final CentreKey key;
    private final JmsTemplate jms;
    private final ExchangeProperties properties;
    private final Clock clock;
    private final DocumentCodec codec = DocumentCodec.standard();

    OutboundPublisher(
            ExchangeRepository repository,
            DocumentFiles files,
            CentreKey key,
            JmsTemplate jms,
            ExchangeProperties properties,
            Clock clock) {
        this.repository = repository;
        this.files = files;
        this.key = key;
        this.jms = jms;
        this.properties = properties;
        this.clock = clock;
    }

    public String party() {
        return properties.party();
    }

    /** Stores, signs and sends a document; false when its ID was stored before (nothing is sent again). */
    public boolean publish(ExchangeDocument doc) {
        if (stored(doc.documentId())) {
            return false;
        }
        return publish(prepare(doc));
    }

    /** Whether a document of this ID was stored before (published, or received). */
    public boolean stored(String documentId) {
        return repository.document(documentId).isPresent();
    }

    /** A document's checked XML and its signature, made before it is stored and sent. */
    public record Prepared(ExchangeDocument doc, byte[] xml, byte[] signature) {}

    /**
     * Checks, writes and signs a document without storing or sending it: work with no shared state, so the day
     * close makes its departments' documents on every core and then {@linkplain #publish(Prepared) publishes} them
     * one after the other.
     */
    public Prepared prepare(ExchangeDocument doc) {
        byte[] xml = StatementXml.write(codec, doc);
        return new Prepared(doc, xml, DocumentSignature.sign(xml, key.get()));
    }

    /** Stores and sends a prepared document; false when its ID was stored before (nothing is sent again). */
    public boolean publish(Prepared prepared) {
        ExchangeDocument doc = prepared.doc();
        String id = doc.documentId();
        if (stored(id)) {
            return false;
        }
        byte[] xml = prepared.xml();
        byte[] signature = prepared.signature();
        Instant now = clock.instant();
        ExchangeRepository.StoredDocument stored = new ExchangeRepository.StoredDocument(
                id,
                "OUT",
                doc.type(),
                doc.header.sender,
                doc.header.receiver,
                "PENDING",
                InboundProcessor.sha256(xml),
                now,
                now,
                null,
                0);
        files.write("out", id, xml, signature);
        inFlight.add(id);
        try {
            if (!repository.insert(stored)) {
                return false;
            }
            send(stored);
            return true;
        } finally {
            inFlight.remove(id);
        }
    }

    /** A card status event to every party that subscribes to them. */
    public int cardEvent(String asn, String event, String state) {
        int sent = 0;
        Instant now = clock.instant();
        for (ExchangeRepository.Party p : repository.parties()) {
            if (!p.subscribes().contains("CE")) {
                continue;
            }
            CardStatusEvent e = new CardStatusEvent()
                    .header(
                            "CE-" + p.code() + "-" + Long.toString(now.toEpochMilli(), 36)
                                    + Long.toString(counter.incrementAndGet(), 36),
                            properties.party(),
                            p.code(),
                            now);
            e.cardEvent = event;
            e.asn = asn;
            e.cardState = state;
            e.eventTime = ExchangeDocument.CREATED.format(now);
            if (publish(e)) {
                sent++;
            }
        }
        return sent;
    }

    /** Sends a stored outbound document again (operator's replay): its stored bytes, unchanged. */
    public ExchangeRepository.StoredDocument resend(String id) {
        ExchangeRepository.StoredDocument d = repository
                .document(id)
                .filter(x -> "OUT".equals(x.direction()))
                .orElseThrow(() -> new NotFoundException("no outbound document " + id));
        repository.markPending(id);
        return send(d) ? repository.document(id).orElseThrow() : d;
    }

    @Scheduled(
            fixedDelayString = "${citycard.exchange.resend-seconds:2}",
            timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    void resendPending() {
        // only what has waited a round: a document being published right now is its publisher's to send
        // not what a publisher is sending right now: that one is its publisher's to send
        List<ExchangeRepository.StoredDocument> pending = repository.pending(500).stream()
                .filter(d -> !inFlight.contains(d.documentId()))
                .toList();
        for (ExchangeRepository.StoredDocument d : pending) {
            if (!send(d)) {
                return; // the broker is away: try again at the next round
            }
        }
    }

    private boolean send(ExchangeRepository.StoredDocument d) {
        DocumentFiles.Stored s = files.read("out", d.documentId())
                .orElseThrow(() -> new IllegalStateException("document " + d.documentId() + ": its bytes are missing"
                        + " from the exchange's documents folder"));
        try {
            jms.send(ExchangeAddresses.outbound(d.receiver(), d.type()), session -> {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(s.xml());
                m.setStringProperty(ExchangeAddresses.DOCUMENT_ID, d.documentId());
                m.setStringProperty(ExchangeAddresses.DOCUMENT_TYPE, d.type());
                m.setStringProperty(ExchangeAddresses.SENDER, d.sender());
                m.setStringProperty(ExchangeAddresses.RECEIVER, d.receiver());
                m.setStringProperty(
                        ExchangeAddresses.SIGNATURE, Base64.getEncoder().encodeToString(s.signature()));
                // the broker drops a second copy of the same send (a retry after an answer that was lost); an
                // operator's replay is a new send
                m.setStringProperty(
                        org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID.toString(),
                        d.sends() == 0 ? d.documentId() : d.documentId() + "#" + d.sends());
                return m;
            });
        } catch (JmsException e) {
            log.warn(
                    "exchange: {} to {} not taken by the broker yet ({}); sent again in {} s",
                    d.documentId(),
                    d.receiver(),
                    e.getMessage(),
                    properties.resendSeconds());
            return false;
        }
        repository.markSent(d.documentId(), clock.instant());
        return true;
    }
}
