package org.citycard.issuance.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;

/**
 * The append-only audit log of every staff action: who, what, when, on which citizen (ID masked with {@link
 * CitizenId#mask}) and card (ASN). It lives in the database, written in the same transaction as the action, and is
 * mirrored after the commit to {@code audit.log} (JSON lines) in the data directory; the database is the record of
 * authority (a crash right after a commit may lose the mirror's last line, never the entry). Entries are chained with
 * HMAC-SHA256 under a key derived from the boot password (never stored; after {@code issue db change-boot-password}
 * its secret is kept wrapped under the new boot password, so the key stays the same), so {@link #verify} finds any entry changed
 * or removed afterwards even by someone who can write the database and recompute a plain hash chain; the chain head
 * ({@link #head}) is reported to the clearing server with every card report, so a history rewritten by someone who
 * has the boot password no longer matches what the server holds ({@link #verifyAgainst}). There is no API to change
 * or delete an entry.
 */
public final class AuditLog {
    private static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Clock clock;
    private final Path mirror;

    private final byte[] key;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.mirror = db.dataDir().resolve("audit.log");
        this.key = db.derivedKey("audit chain");
        if (db.schemaBefore() < 3) {
            // keyed from now on (a new database: from its first entry); the marker is MAC'd so it cannot be moved
            db.inTransaction(c -> Database.update(
                    c,
                    "UPDATE audit_head SET keyed_from_mac = ? WHERE id = 1 AND keyed_from_mac IS NULL",
                    markerMac(Database.first(c, "SELECT keyed_from FROM audit_head WHERE id = 1", rs -> rs.getLong(1))
                            .orElseThrow())));
        }
    }

    /** The newest entry's sequence number and MAC: what the clearing server is told, so history cannot be rewritten. */
    public record Head(long seq, String mac) {}

    /** The chain head now. */
    public Head head() {
        return db.read(c -> Database.first(
                        c,
                        "SELECT seq, hash FROM audit_head WHERE id = 1",
                        rs -> new Head(rs.getLong(1), rs.getString(2)))
                .orElseThrow(() -> new IllegalStateException("the audit log's head row is missing")));
    }

    /**
     * Checks the local log against a head the clearing server holds (one reported earlier): the entry with that
     * sequence number must still be there with the same MAC.
     */
    public Verification verifyAgainst(Head server) {
        Verification local = verify();
        if (!local.intact()) {
            return local;
        }
        return db.read(c -> {
            java.util.Optional<String> mac =
                    Database.first(c, "SELECT hash FROM audit_log WHERE seq = ?", rs -> rs.getString(1), server.seq());
            if (mac.isEmpty()) {
                return new Verification(
                        false,
                        local.entries(),
                        "the clearing server holds the head " + server.seq() + " of this log, which has "
                                + local.entries() + " entries: entries were removed");
            }
            if (!mac.get().equals(server.mac())) {
                return new Verification(
                        false,
                        local.entries(),
                        "entry " + server.seq()
                                + " does not have the MAC the clearing server was told: the log was rewritten");
            }
            return new Verification(
                    true,
                    local.entries(),
                    local.message() + "; entry " + server.seq() + " matches the head the clearing server holds");
        });
    }

    /** The JSON-lines mirror of the log. */
    public Path mirrorFile() {
        return mirror;
    }

    /**
     * Appends an entry inside the caller's transaction.
     *
     * @param citizenId the full ID of the citizen concerned (masked here), or null
     * @param asn the card's ASN, or null
     * @param detail free text, cleaned by {@link Redaction} in case it holds an ID or key-like hex
     */
    public AuditEntry record(Connection c, Staff actor, AuditAction action, String citizenId, String asn, String detail)
            throws SQLException {
        if (actor.signedIn() && !actor.signedInOn(db)) {
            // every change is audited: a member of staff signed in on another data directory changes nothing here
            throw new org.citycard.issuance.staff.AccessDeniedException(
                    actor.username() + " was signed in on another issuance database, not this one");
        }
        // the head row is read and rewritten in this transaction: appends are serialised and the chain never forks
        Object[] head = Database.first(c, "SELECT seq, hash FROM audit_head WHERE id = 1", rs ->
                        new Object[] {rs.getLong(1), rs.getString(2)})
                .orElseThrow(() -> new IllegalStateException("the audit log's head row is missing"));
        long seq = (Long) head[0] + 1;
        String prev = (String) head[1];
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String citizen = citizenId == null ? null : CitizenId.mask(citizenId);
        String cleanDetail = Redaction.clean(detail);
        if (cleanDetail.length() > 1000) {
            cleanDetail = cleanDetail.substring(0, 997) + "...";
        }
        String hash = mac(prev, seq, at, actor.username(), action, citizen, asn, cleanDetail);
        Database.update(
                c,
                "INSERT INTO audit_log (seq, happened_at, actor, action, citizen, card, detail, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                seq,
                Timestamp.from(at),
                actor.username(),
                action.name(),
                citizen,
                asn,
                cleanDetail,
                prev,
                hash);
        Database.update(c, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, hash);
        AuditEntry entry = new AuditEntry(seq, at, actor.username(), action, citizen, asn, cleanDetail, prev, hash);
        db.afterCommit(() -> appendMirror(entry));
        return entry;
    }

    /** Records an entry in a transaction of its own. */
    public AuditEntry record(Staff actor, AuditAction action, String citizenId, String asn, String detail) {
        return db.inTransaction(c -> record(c, actor, action, citizenId, asn, detail));
    }

    private void appendMirror(AuditEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", e.seq());
        n.put("at", e.at().toString());
        n.put("actor", e.actor());
        n.put("action", e.action().name());
        n.put("citizen", e.citizen());
        n.put("card", e.card());
        n.put("detail", e.detail());
        n.put("hash", e.hash());
        try {
            Files.writeString(
                    mirror, n + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to the audit mirror " + mirror, ex);
        }
    }

    /** Entries, newest last, optionally only those about one card or one citizen (full ID, matched masked). */
    public List<AuditEntry> list(String card, String citizenId, int limit) {
        return db.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE 1 = 1");
            List<Object> params = new ArrayList<>();
            if (card != null) {
                sql.append(" AND card = ?");
                params.add(card);
            }
            if (citizenId != null) {
                sql.append(" AND citizen = ?");
                params.add(CitizenId.mask(citizenId));
            }
            sql.append(" ORDER BY seq DESC");
            List<AuditEntry> all = Database.query(c, sql.toString(), AuditLog::map, params.toArray());
            List<AuditEntry> out = new ArrayList<>(all.subList(0, Math.min(limit, all.size())));
            java.util.Collections.reverse(out);
            return out;
        });
    }

    /** Checks the hash chain; the answer names the first entry that does not match. */
    public Verification verify() {
        return db.read(c -> {
            List<AuditEntry> all = Database.query(c, "SELECT * FROM audit_log ORDER BY seq", AuditLog::map);
            Object[] marker = Database.first(c, "SELECT keyed_from, keyed_from_mac FROM audit_head WHERE id = 1", rs ->
                            new Object[] {rs.getLong(1), rs.getString(2)})
                    .orElseThrow(() -> new IllegalStateException("the audit log's head row is missing"));
            long keyedFrom = (Long) marker[0];
            if (marker[1] == null || !markerMac(keyedFrom).equals(marker[1])) {
                return new Verification(
                        false,
                        all.size(),
                        "the head's record of where the keyed chain starts was"
                                + " changed (or the boot password is not the one the log was written with)");
            }
            String prev = GENESIS;
            long expectSeq = 1;
            for (AuditEntry e : all) {
                if (e.seq() != expectSeq) {
                    return new Verification(false, all.size(), "entry " + expectSeq + " is missing");
                }
                String h = e.seq() < keyedFrom
                        ? chain(prev, e.seq(), e.at(), e.actor(), e.action(), e.citizen(), e.card(), e.detail())
                        : mac(prev, e.seq(), e.at(), e.actor(), e.action(), e.citizen(), e.card(), e.detail());
                if (!e.prevHash().equals(prev) || !h.equals(e.hash())) {
                    return new Verification(
                            false, all.size(), "entry " + e.seq() + " was changed after it was written");
                }
                prev = e.hash();
                expectSeq++;
            }
            String last = prev;
            long count = expectSeq - 1;
            boolean headMatches = Database.first(
                            c,
                            "SELECT seq, hash FROM audit_head WHERE id = 1",
                            rs -> rs.getLong(1) == count && rs.getString(2).equals(last))
                    .orElse(false);
            if (!headMatches) {
                return new Verification(false, all.size(), "entries after " + count + " were removed");
            }
            return new Verification(
                    true,
                    all.size(),
                    "the chain of " + all.size() + " entries is intact (HMAC-SHA256"
                            + (keyedFrom > 1
                                    ? " from entry " + keyedFrom + "; entries before it were written unkeyed, SHA-256"
                                    : "")
                            + ")");
        });
    }

    /** The outcome of {@link #verify}. */
    public record Verification(boolean intact, int entries, String message) {}

    private static AuditEntry map(java.sql.ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getLong("seq"),
                rs.getTimestamp("happened_at").toInstant(),
                rs.getString("actor"),
                AuditAction.valueOf(rs.getString("action")),
                rs.getString("citizen"),
                rs.getString("card") == null ? null : rs.getString("card").strip(),
                rs.getString("detail"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    /** The entry's MAC: HMAC-SHA256 under the audit key over the same fields {@link #chain} hashes. */
    String mac(
            String prev,
            long seq,
            Instant at,
            String actor,
            AuditAction action,
            String citizen,
            String card,
            String detail) {
        return hmac(text(prev, seq, at, actor, action, citizen, card, detail));
    }

    private String markerMac(long keyedFrom) {
        return hmac("keyed from " + keyedFrom);
    }

    private String hmac(String text) {
        try {
            javax.crypto.Mac m = javax.crypto.Mac.getInstance("HmacSHA256");
            m.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(m.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }

    private static String text(
            String prev,
            long seq,
            Instant at,
            String actor,
            AuditAction action,
            String citizen,
            String card,
            String detail) {
        return String.join(
                "\u001F",
                prev,
                Long.toString(seq),
                at.toString(),
                actor,
                action.name(),
                String.valueOf(citizen),
                String.valueOf(card),
                detail);
    }

    /** The unkeyed chain of the entries written before the chain was keyed (schema 3): SHA-256 of the fields. */
    static String chain(
            String prev,
            long seq,
            Instant at,
            String actor,
            AuditAction action,
            String citizen,
            String card,
            String detail) {
        String text = text(prev, seq, at, actor, action, citizen, card, detail);
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
