package org.citycard.clearing.exchange;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Parties, documents and refusals of the exchange. */
@Repository
public class ExchangeRepository {
    private final JdbcClient jdbc;

    ExchangeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A party of the exchange; {@code maySend} and {@code subscribes} are document type codes. */
    public record Party(String code, String name, String certificate, List<String> maySend, List<String> subscribes) {}

    /** A document taken in or sent out. */
    public record StoredDocument(
            String documentId,
            String direction,
            String type,
            String sender,
            String receiver,
            String status,
            String sha256,
            Instant createdAt,
            Instant recordedAt,
            Instant sentAt,
            int sends) {}

    public record Refusal(long id, String documentId, String type, String sender, String reason, Instant refusedAt) {}

    public void putParty(Party p, Instant now) {
        int n = jdbc.sql("UPDATE exchange_party SET name = ?, certificate = ?, may_send = ?, subscribes = ?,"
                        + " updated_at = ? WHERE code = ?")
                .params(
                        p.name(),
                        p.certificate(),
                        String.join(",", p.maySend()),
                        String.join(",", p.subscribes()),
                        Timestamp.from(now),
                        p.code())
                .update();
        if (n == 0) {
            jdbc.sql("INSERT INTO exchange_party (code, name, certificate, may_send, subscribes, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(
                            p.code(),
                            p.name(),
                            p.certificate(),
                            String.join(",", p.maySend()),
                            String.join(",", p.subscribes()),
                            Timestamp.from(now))
                    .update();
        }
    }

    public Optional<Party> party(String code) {
        return jdbc.sql("SELECT * FROM exchange_party WHERE code = ?")
                .param(code)
                .query((rs, i) -> party(rs))
                .optional();
    }

    public List<Party> parties() {
        return jdbc.sql("SELECT * FROM exchange_party ORDER BY code")
                .query((rs, i) -> party(rs))
                .list();
    }

    private static Party party(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Party(
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("certificate"),
                codes(rs.getString("may_send")),
                codes(rs.getString("subscribes")));
    }

    private static List<String> codes(String s) {
        return s == null || s.isBlank()
                ? List.of()
                : Arrays.stream(s.split(",")).map(String::strip).toList();
    }

    /** Records a document; false when its ID is taken already (nothing written). */
    public boolean insert(StoredDocument d) {
        try {
            jdbc.sql(
                            "INSERT INTO exchange_document (document_id, direction, document_type, sender, receiver, status,"
                                    + " sha256, created_at, recorded_at, sent_at, sends) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            d.documentId(),
                            d.direction(),
                            d.type(),
                            d.sender(),
                            d.receiver(),
                            d.status(),
                            d.sha256(),
                            Timestamp.from(d.createdAt()),
                            Timestamp.from(d.recordedAt()),
                            d.sentAt() == null ? null : Timestamp.from(d.sentAt()),
                            d.sends())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public Optional<StoredDocument> document(String id) {
        return jdbc.sql("SELECT * FROM exchange_document WHERE document_id = ?")
                .param(id)
                .query((rs, i) -> document(rs))
                .optional();
    }

    public List<StoredDocument> pending(int limit) {
        return jdbc.sql("SELECT * FROM exchange_document WHERE direction = 'OUT' AND status = 'PENDING'"
                        + " ORDER BY recorded_at OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")
                .param(limit)
                .query((rs, i) -> document(rs))
                .list();
    }

    public List<StoredDocument> since(Instant from) {
        return jdbc.sql("SELECT * FROM exchange_document WHERE recorded_at >= ? ORDER BY recorded_at")
                .param(Timestamp.from(from))
                .query((rs, i) -> document(rs))
                .list();
    }

    public List<StoredDocument> recent(int limit) {
        return jdbc.sql(
                        "SELECT * FROM exchange_document ORDER BY recorded_at DESC OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")
                .param(limit)
                .query((rs, i) -> document(rs))
                .list();
    }

    public void markSent(String id, Instant at) {
        jdbc.sql("UPDATE exchange_document SET status = 'SENT', sent_at = ?, sends = sends + 1 WHERE document_id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    public void markPending(String id) {
        jdbc.sql("UPDATE exchange_document SET status = 'PENDING' WHERE document_id = ?")
                .param(id)
                .update();
    }

    private static StoredDocument document(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new StoredDocument(
                rs.getString("document_id"),
                rs.getString("direction").strip(),
                rs.getString("document_type"),
                rs.getString("sender"),
                rs.getString("receiver"),
                rs.getString("status"),
                rs.getString("sha256"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("recorded_at").toInstant(),
                sent == null ? null : sent.toInstant(),
                rs.getInt("sends"));
    }

    public long refuse(String documentId, String type, String sender, String reason, Instant at) {
        String r = reason.length() > 1000 ? reason.substring(0, 997) + "..." : reason;
        jdbc.sql("INSERT INTO exchange_refusal (document_id, document_type, sender, reason, refused_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(cut(documentId, 40), cut(type, 2), cut(sender, 12), r, Timestamp.from(at))
                .update();
        return jdbc.sql("SELECT MAX(id) FROM exchange_refusal")
                .query(Long.class)
                .single();
    }

    private static String cut(String s, int n) {
        return s == null ? null : s.length() > n ? s.substring(0, n) : s;
    }

    public List<Refusal> refusals(Instant from) {
        return jdbc.sql("SELECT * FROM exchange_refusal WHERE refused_at >= ? ORDER BY id")
                .param(Timestamp.from(from))
                .query((rs, i) -> new Refusal(
                        rs.getLong("id"),
                        rs.getString("document_id"),
                        rs.getString("document_type"),
                        rs.getString("sender"),
                        rs.getString("reason"),
                        rs.getTimestamp("refused_at").toInstant()))
                .list();
    }

    public Optional<Refusal> lastRefusal(String documentId) {
        return jdbc.sql("SELECT * FROM exchange_refusal WHERE document_id = ? ORDER BY id DESC"
                        + " OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY")
                .param(documentId)
                .query((rs, i) -> new Refusal(
                        rs.getLong("id"),
                        rs.getString("document_id"),
                        rs.getString("document_type"),
                        rs.getString("sender"),
                        rs.getString("reason"),
                        rs.getTimestamp("refused_at").toInstant()))
                .optional();
    }

    // ---------------------------------------------------------------- population registry

    public record Person(
            String citizenId,
            String name,
            String sex,
            String birthDate,
            String address,
            String status,
            String deathDate) {}

    public Optional<Person> person(String citizenId) {
        return jdbc.sql("SELECT * FROM registry_person WHERE citizen_id = ?")
                .param(citizenId)
                .query((rs, i) -> new Person(
                        rs.getString("citizen_id"),
                        rs.getString("name"),
                        rs.getString("sex"),
                        rs.getString("birth_date"),
                        rs.getString("address"),
                        rs.getString("status"),
                        rs.getString("death_date")))
                .optional();
    }

    public void putPerson(Person p, String documentId, Instant now) {
        int n = jdbc.sql("UPDATE registry_person SET name = ?, sex = ?, birth_date = ?, address = ?, status = ?,"
                        + " death_date = ?, document_id = ?, updated_at = ? WHERE citizen_id = ?")
                .params(
                        p.name(),
                        p.sex(),
                        p.birthDate(),
                        p.address(),
                        p.status(),
                        p.deathDate(),
                        documentId,
                        Timestamp.from(now),
                        p.citizenId())
                .update();
        if (n == 0) {
            jdbc.sql("INSERT INTO registry_person (citizen_id, name, sex, birth_date, address, status, death_date,"
                            + " document_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            p.citizenId(),
                            p.name(),
                            p.sex(),
                            p.birthDate(),
                            p.address(),
                            p.status(),
                            p.deathDate(),
                            documentId,
                            Timestamp.from(now))
                    .update();
        }
    }
}
