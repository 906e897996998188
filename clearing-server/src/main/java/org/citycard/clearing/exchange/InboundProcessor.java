package org.citycard.clearing.exchange;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.HotlistService;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.socialsecurity.SocialSecurityRepository;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.exchange.Contributions;
import org.citycard.dictionary.exchange.DocumentCodec;
import org.citycard.dictionary.exchange.DocumentSignature;
import org.citycard.dictionary.exchange.ExchangeDocument;
import org.citycard.dictionary.exchange.MedicalMovements;
import org.citycard.dictionary.exchange.PartyKeys;
import org.citycard.dictionary.exchange.RegistryChange;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.dictionary.xml.ExchangeLayouts;
import org.citycard.dictionary.xml.ExchangeSchemas.InvalidDocumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes in one inbound document: well-formed and valid against its XSD, from a registered party allowed to send its
 * type, addressed to the centre, signed by that party (its certificate on record), values checked against the
 * dictionary, its ID not seen before; then applied in one transaction with its record, so a document counts once.
 * Anything else refuses it with the reason: nothing of it is applied, the refusal is recorded and the document goes
 * to the dead-letter address. Issue 15: a document above {@code citycard.exchange.max-file-bytes} or with more than
 * {@code max-entries} items is refused before it is parsed; a medical movement sent again (under another document
 * ID) is booked once by its sender and movement ID, one with the same ID and other content refuses the document;
 * no reason stored, sent or logged carries a full citizen ID number.
 */
@Service
public class InboundProcessor {
    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);
    private static final Set<String> BLOCKABLE = Set.of("40", "50", "60", "70");

    private final ExchangeRepository repository;
    private final SocialSecurityRepository socialSecurity;
    private final MedicalMovementLedger ledger;
    private final ReferenceService reference;
    private final HotlistService hotlist;
    private final DocumentFiles files;
    private final DeadLetters deadLetters;
    private final OutboundPublisher outbound;
    private final ExchangeProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final DocumentCodec codec = DocumentCodec.standard();
    private final Dictionary dict = Dictionary.standard();

    InboundProcessor(
            ExchangeRepository repository,
            SocialSecurityRepository socialSecurity,
            MedicalMovementLedger ledger,
            ReferenceService reference,
            HotlistService hotlist,
            DocumentFiles files,
            DeadLetters deadLetters,
            OutboundPublisher outbound,
            ExchangeProperties properties,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.socialSecurity = socialSecurity;
        this.ledger = ledger;
        this.reference = reference;
        this.hotlist = hotlist;
        this.files = files;
        this.deadLetters = deadLetters;
        this.outbound = outbound;
        this.properties = properties;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A reason to refuse a document; its message is what the sender and the operator read. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Takes in a document.
     *
     * @param signature the detached CMS signature (DER), or null when the message carried none
     */
    public Outcome receive(byte[] xml, byte[] signature) {
        String id = null;
        String type = null;
        String sender = null;
        try {
            checkSize(xml);
            ExchangeDocument doc;
            try {
                doc = codec.read(xml);
            } catch (InvalidDocumentException e) {
                id = peekDocumentId(xml);
                throw new Refused("invalid document: " + e.getMessage());
            }
            id = doc.documentId();
            type = doc.type();
            sender = doc.header.sender;
            ExchangeLayouts.Layout layout = ExchangeLayouts.standard().layout(type);
            if (!layout.inbound()) {
                throw new Refused(
                        "document_type " + type + " (" + layout.en() + "): only the clearing centre sends it");
            }
            if (!properties.party().equals(doc.header.receiver)) {
                throw new Refused("header/receiver '" + doc.header.receiver + "': inbound documents are addressed to "
                        + properties.party());
            }
            String from = sender;
            ExchangeRepository.Party party = repository
                    .party(sender)
                    .orElseThrow(() -> new Refused("header/sender '" + from + "': not a registered exchange party"));
            if (!party.maySend().contains(type)) {
                throw new Refused("header/sender '" + sender + "': may send " + party.maySend() + ", not " + type);
            }
            if (!DocumentSignature.verify(xml, signature, PartyKeys.fromPem(party.certificate()))) {
                throw new Refused("signature: " + (signature == null || signature.length == 0 ? "missing" : "not valid")
                        + " for sender " + sender + " (a detached CMS signature over the document's bytes with the"
                        + " key of the certificate on record)");
            }
            checkValues(doc);
            Instant now = clock.instant();
            Instant created;
            try {
                created = LocalDateTime.parse(doc.header.createdTime, ExchangeDocument.CREATED.withZone(null))
                        .toInstant(ZoneOffset.UTC);
            } catch (java.time.DateTimeException e) {
                throw new Refused("header/created_time '" + doc.header.createdTime + "': YYYYMMDDhhmmss, a real time");
            }
            List<String> blocked = new ArrayList<>();
            String sha = sha256(xml);
            String docId = id;
            String docType = type;
            String docSender = sender;
            tx.executeWithoutResult(s -> {
                if (!repository.insert(new ExchangeRepository.StoredDocument(
                        docId, "IN", docType, docSender, properties.party(), "APPLIED", sha, created, now, null, 0))) {
                    throw new Refused("document_id '" + docId + "': a document with this ID was taken in before;"
                            + " nothing is applied twice");
                }
                apply(doc, sha, now, blocked);
            });
            files.write("in", id, xml, signature);
            for (String asn : blocked) {
                outbound.cardEvent(asn, "06", reference.card(asn).state());
            }
            log.info(
                    "exchange: {} {} from {} applied{}",
                    type,
                    id,
                    sender,
                    blocked.isEmpty() ? "" : "; cards blocked: " + blocked);
            return Outcome.applied(id, type);
        } catch (Refused | ValidationException | org.citycard.clearing.support.ConflictException e) {
            String reason = ExchangeText.masked(e.getMessage());
            long refusal = repository.refuse(id, type, sender, reason, clock.instant());
            if (xml.length <= properties.maxFileBytes()) { // an oversized one is not copied anywhere
                files.write("refused", refusal + "-" + (id == null ? "unknown" : id), xml, signature);
                deadLetters.send(xml, signature, id, type, sender, reason);
            }
            log.warn("exchange: document {} refused: {}", id, reason);
            return Outcome.refused(id, type, reason);
        }
    }

    /** Size and entry limits, before the document is parsed (a streaming count of its items, no DTD). */
    private void checkSize(byte[] xml) {
        if (xml.length > properties.maxFileBytes()) {
            throw new Refused(tooLarge(xml.length));
        }
        long entries = countEntries(xml);
        if (entries > properties.maxEntries()) {
            throw new Refused("document: " + entries + " entries, at most " + properties.maxEntries()
                    + " (citycard.exchange.max-entries): refused before parsing, nothing applied");
        }
    }

    String tooLarge(long bytes) {
        return "document: " + bytes + " bytes, at most " + properties.maxFileBytes()
                + " bytes (citycard.exchange.max-file-bytes): refused before parsing, nothing applied";
    }

    /**
     * Refuses a document that was not even read (a broker message above the size limit): the refusal is recorded
     * and logged; its bytes are neither kept nor sent to the dead-letter address.
     */
    public Outcome refuseUnread(long bytes) {
        String reason = tooLarge(bytes);
        repository.refuse(null, null, null, reason, clock.instant());
        log.warn("exchange: a document was refused: {}", reason);
        return Outcome.refused(null, null, reason);
    }

    /** The items of a document (elements three deep, outside its header); -1 when it cannot be read (the codec says why). */
    static long countEntries(byte[] xml) {
        javax.xml.stream.XMLInputFactory f = javax.xml.stream.XMLInputFactory.newFactory();
        f.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        long n = 0;
        int depth = 0;
        String second = null;
        try {
            javax.xml.stream.XMLStreamReader r = f.createXMLStreamReader(new java.io.ByteArrayInputStream(xml));
            while (r.hasNext()) {
                int e = r.next();
                if (e == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 2) {
                        second = r.getLocalName();
                    } else if (depth == 3 && !"header".equals(second)) {
                        n++;
                    }
                } else if (e == javax.xml.stream.XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (javax.xml.stream.XMLStreamException | RuntimeException e) {
            return -1;
        }
        return n;
    }

    /** What the XSD cannot say: citizen ID check digits, real calendar dates. */
    private void checkValues(ExchangeDocument doc) {
        if (doc instanceof RegistryChange r) {
            r.persons().forEach(p -> {
                Rules.checkElement(dict, "citizen_id", p.citizenId);
                if (p.birthDate != null) {
                    Rules.checkElement(dict, "birth_date", p.birthDate);
                }
                if (p.deathDate != null) {
                    Rules.checkElement(dict, "death_date", p.deathDate);
                }
                if (p.name != null) {
                    Rules.checkElement(dict, "name", p.name);
                }
            });
        } else if (doc instanceof Contributions c) {
            c.contributions().forEach(x -> {
                Rules.checkElement(dict, "citizen_id", x.citizenId);
                Rules.checkElement(dict, "contribution_month", x.contributionMonth);
            });
        } else if (doc instanceof MedicalMovements m) {
            m.movements().forEach(x -> {
                Rules.checkElement(dict, "citizen_id", x.citizenId);
                Rules.checkElement(dict, "movement_date", x.movementDate);
            });
        }
    }

    private void apply(ExchangeDocument doc, String sha, Instant now, List<String> blocked) {
        if (doc instanceof RegistryChange r) {
            for (RegistryChange.Person p : r.persons()) {
                registry(p, r.documentId(), r.header.sender, now, blocked);
            }
        } else if (doc instanceof Contributions c) {
            imported(doc, sha, now, c.contributions().size(), 0);
            for (Contributions.Contribution x : c.contributions()) {
                socialSecurity.put(
                        new SocialSecurityRepository.Contribution(
                                x.citizenId,
                                x.contributionMonth,
                                x.insuranceType,
                                x.contributionBase,
                                x.employerAmount,
                                x.personalAmount,
                                x.payerName),
                        sha);
            }
        } else if (doc instanceof MedicalMovements m) {
            int line = 1;
            int booked = 0;
            for (MedicalMovements.Movement x : m.movements()) {
                var booking = ledger.book(
                        doc.header.sender,
                        x.movementId,
                        new SocialSecurityRepository.Movement(
                                x.citizenId,
                                x.movementDate,
                                x.movementDirection,
                                x.amount,
                                x.medicalBalance,
                                x.movementDescription,
                                line),
                        sha);
                if (booking instanceof MedicalMovementLedger.Booking.Conflict c) {
                    throw new Refused("movements/movement[" + line + "]/movement_id '" + x.movementId + "': " + c.rule()
                            + "; nothing of the document is applied");
                }
                if (booking instanceof MedicalMovementLedger.Booking.Booked) {
                    booked++;
                }
                line++;
            }
            imported(doc, sha, now, 0, booked);
        } else {
            throw new Refused("document_type " + doc.type() + ": not an inbound document");
        }
    }

    /** The social-security records of a document count as an import, beside the fixed-width files'. */
    private void imported(ExchangeDocument doc, String sha, Instant now, int contributions, int movements) {
        socialSecurity.insert(new SocialSecurityRepository.Imported(
                sha,
                "exchange document " + doc.documentId(),
                doc.header.sender,
                doc.header.createdTime.substring(0, 8),
                contributions + movements,
                contributions,
                movements,
                0,
                "",
                "exchange:" + doc.header.sender,
                now));
    }

    /** The document ID of a document that could not be parsed, when it has one (for the refusal's record). */
    static String peekDocumentId(byte[] xml) {
        javax.xml.stream.XMLInputFactory f = javax.xml.stream.XMLInputFactory.newFactory();
        f.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            javax.xml.stream.XMLStreamReader r = f.createXMLStreamReader(new java.io.ByteArrayInputStream(xml));
            while (r.hasNext()) {
                if (r.next() == javax.xml.stream.XMLStreamConstants.START_ELEMENT
                        && "document_id".equals(r.getLocalName())) {
                    String id = r.getElementText().strip();
                    return id.isEmpty() || id.length() > 40 ? null : id;
                }
            }
        } catch (javax.xml.stream.XMLStreamException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private void registry(RegistryChange.Person p, String docId, String sender, Instant now, List<String> blocked) {
        var known = repository.person(p.citizenId);
        switch (p.registryChange) {
            case "N" -> {
                if (known.isPresent()) {
                    throw new Refused("person " + p.citizenId + ": registry_change N (new), but the person is in the"
                            + " registry already (" + known.get().status() + "); send C to change");
                }
                if (p.name == null || p.sex == null || p.birthDate == null) {
                    throw new Refused("person " + p.citizenId + ": registry_change N needs name, sex and birth_date");
                }
                repository.putPerson(
                        new ExchangeRepository.Person(
                                p.citizenId, p.name, p.sex, p.birthDate, p.address, "REGISTERED", null),
                        docId,
                        now);
            }
            case "C" -> {
                ExchangeRepository.Person old = known.orElseThrow(() -> new Refused("person " + p.citizenId
                        + ": registry_change C (changed), but the person is not in the registry; send N first"));
                if ("DECEASED".equals(old.status())) {
                    throw new Refused("person " + p.citizenId + ": registry_change C for a person recorded deceased");
                }
                repository.putPerson(
                        new ExchangeRepository.Person(
                                p.citizenId,
                                or(p.name, old.name()),
                                or(p.sex, old.sex()),
                                or(p.birthDate, old.birthDate()),
                                or(p.address, old.address()),
                                "REGISTERED",
                                null),
                        docId,
                        now);
            }
            case "D" -> {
                if (p.deathDate == null) {
                    throw new Refused("person " + p.citizenId + ": registry_change D (deceased) needs death_date");
                }
                ExchangeRepository.Person old = known.orElse(new ExchangeRepository.Person(
                        p.citizenId, p.name, p.sex, p.birthDate, p.address, "REGISTERED", null));
                repository.putPerson(
                        new ExchangeRepository.Person(
                                p.citizenId,
                                or(p.name, old.name()),
                                or(p.sex, old.sex()),
                                or(p.birthDate, old.birthDate()),
                                or(p.address, old.address()),
                                "DECEASED",
                                p.deathDate),
                        docId,
                        now);
                for (Card card : reference.cardsOfHolder(p.citizenId)) {
                    if (BLOCKABLE.contains(card.state())
                            && hotlist.find(card.asn()).isEmpty()) {
                        hotlist.add(
                                card.asn(), "holder deceased (registry document " + docId + ")", "exchange:" + sender);
                        blocked.add(card.asn());
                    }
                }
            }
            default -> throw new Refused("person " + p.citizenId + ": registry_change '" + p.registryChange + "'");
        }
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
