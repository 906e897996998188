package org.citycard.issuance.workflow;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.citycard.issuance.store.Database;

/** Reads and writes the card table. State changes go through {@link Workflow}, never through here. */
public final class CardRepository {
    private CardRepository() {}

    /** Creates an application in state APPLIED and returns its number. */
    public static long insertApplication(
            Connection c, String citizenId, String cardType, Long replacesId, String insurance, Instant now)
            throws SQLException {
        return Database.insert(
                c,
                "INSERT INTO card (citizen_id, card_type, state, replaces_id, insurance, server_reported, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, FALSE, ?, ?)",
                citizenId,
                cardType,
                CardState.APPLIED.code(),
                replacesId,
                insurance,
                Timestamp.from(now),
                Timestamp.from(now));
    }

    public static Optional<CardRecord> find(Connection c, long id) throws SQLException {
        return Database.first(c, "SELECT * FROM card WHERE id = ?", CardRepository::map, id);
    }

    public static CardRecord get(Connection c, long id) throws SQLException {
        return find(c, id).orElseThrow(() -> new NoSuchElementException("no card or application number " + id));
    }

    public static Optional<CardRecord> findByAsn(Connection c, String asn) throws SQLException {
        return Database.first(c, "SELECT * FROM card WHERE asn = ?", CardRepository::map, asn);
    }

    public static Optional<CardRecord> findByCardNumber(Connection c, String number) throws SQLException {
        return Database.first(c, "SELECT * FROM card WHERE card_number = ?", CardRepository::map, number);
    }

    /**
     * The one card a staff member means: a 20-digit ASN, a 9-character card number or an application number.
     *
     * @throws java.util.NoSuchElementException naming the reference when there is no such card
     */
    public static CardRecord resolve(Connection c, String reference) throws SQLException {
        String r = reference == null ? "" : reference.strip().toUpperCase(java.util.Locale.ROOT);
        Optional<CardRecord> card = Optional.empty();
        if (r.matches("\\d{20}")) {
            card = findByAsn(c, r);
        } else if (r.length() == 9 && !r.matches("\\d+")) {
            card = findByCardNumber(c, r);
        } else if (r.matches("\\d{1,18}")) {
            card = find(c, Long.parseLong(r));
        }
        return card.orElseThrow(() ->
                new NoSuchElementException("no card with ASN, card number or application number '" + reference + "'"));
    }

    /** Every card and application of a citizen, oldest first. */
    public static List<CardRecord> byCitizen(Connection c, String citizenId) throws SQLException {
        return Database.query(c, "SELECT * FROM card WHERE citizen_id = ? ORDER BY id", CardRepository::map, citizenId);
    }

    /** Cards in a state whose expiry date is before a day. */
    public static List<CardRecord> expiringBefore(Connection c, CardState state, LocalDate day) throws SQLException {
        return Database.query(
                c,
                "SELECT * FROM card WHERE state = ? AND expiry_date < ? ORDER BY id",
                CardRepository::map,
                state.code(),
                Date.valueOf(day));
    }

    public static List<CardRecord> byState(Connection c, CardState state, int limit) throws SQLException {
        List<CardRecord> all =
                Database.query(c, "SELECT * FROM card WHERE state = ? ORDER BY id", CardRepository::map, state.code());
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** The card that replaces this one (replacement or renewal), if any. */
    public static Optional<CardRecord> replacementOf(Connection c, long id) throws SQLException {
        return Database.first(
                c,
                "SELECT * FROM card WHERE replaces_id = ? AND state <> ? ORDER BY id DESC",
                CardRepository::map,
                id,
                CardState.REJECTED.code());
    }

    /** Gives the card its identity for production (once: a redo of a torn card keeps the same ASN). */
    public static void assignIdentity(
            Connection c, long id, String asn, String cardNumber, LocalDate issue, LocalDate expiry, long batchId)
            throws SQLException {
        Database.update(
                c,
                "UPDATE card SET asn = ?, card_number = ?, issue_date = ?, expiry_date = ?, batch_id = ? WHERE id = ?"
                        + " AND asn IS NULL",
                asn,
                cardNumber,
                Date.valueOf(issue),
                Date.valueOf(expiry),
                batchId,
                id);
    }

    public static void setServerReported(Connection c, long id, boolean reported) throws SQLException {
        Database.update(c, "UPDATE card SET server_reported = ? WHERE id = ?", reported, id);
    }

    public static void setSettlement(Connection c, long id, String settlement, Long amount) throws SQLException {
        Database.update(c, "UPDATE card SET settlement = ?, settled_amount = ? WHERE id = ?", settlement, amount, id);
    }

    static void setState(Connection c, long id, CardState state, Instant now) throws SQLException {
        Database.update(
                c, "UPDATE card SET state = ?, updated_at = ? WHERE id = ?", state.code(), Timestamp.from(now), id);
    }

    static CardRecord map(ResultSet rs) throws SQLException {
        Date issue = rs.getDate("issue_date");
        Date expiry = rs.getDate("expiry_date");
        long replaces = rs.getLong("replaces_id");
        Long replacesId = rs.wasNull() ? null : replaces;
        long batch = rs.getLong("batch_id");
        Long batchId = rs.wasNull() ? null : batch;
        long amount = rs.getLong("settled_amount");
        Long settled = rs.wasNull() ? null : amount;
        return new CardRecord(
                rs.getLong("id"),
                rs.getString("citizen_id"),
                rs.getString("card_type"),
                CardState.ofCode(rs.getString("state")),
                rs.getString("asn"),
                rs.getString("card_number"),
                issue == null ? null : issue.toLocalDate(),
                expiry == null ? null : expiry.toLocalDate(),
                replacesId,
                batchId,
                rs.getString("insurance"),
                rs.getBoolean("server_reported"),
                rs.getString("settlement"),
                settled,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
