package org.citycard.issuance.perso;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.perso.ProductionService.Batch;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.CardState;
import org.citycard.issuance.workflow.Workflow;

/**
 * Making batches: verified applications go into production, each getting its ASN, card number and dates once, and
 * the batch's items are listed in order for the runs.
 */
final class ProductionBatches {
    private final Database db;
    private final Dictionary dict;
    private final AuditLog audit;
    private final Workflow workflow;
    private final Clock clock;
    private final Numbering numbering;

    ProductionBatches(Database db, Dictionary dict, AuditLog audit, Workflow workflow, Clock clock) {
        this.db = db;
        this.dict = dict;
        this.audit = audit;
        this.workflow = workflow;
        this.clock = clock;
        this.numbering = new Numbering(dict);
    }

    Batch create(Staff operator, int count, String keySetName, Algorithm algorithm, int keyVersion) {
        operator.require(Permission.PRODUCE);
        if (count < 1) {
            throw new IllegalArgumentException("a batch holds at least one card, not " + count);
        }
        if (keyVersion < 0 || keyVersion > 0xFF) {
            throw new IllegalArgumentException(
                    "key version " + keyVersion + ": 1..255 (or none for the newest the key set holds)");
        }
        return db.inTransaction(c -> {
            List<CardRecord> verified = CardRepository.byState(c, CardState.VERIFIED, count);
            if (verified.isEmpty()) {
                throw new IllegalStateException("no verified application is waiting for production");
            }
            long batchId = Database.insert(
                    c,
                    "INSERT INTO production_batch (created_at, created_by, key_set, size, algorithm, key_version)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    Timestamp.from(clock.instant()),
                    operator.username(),
                    keySetName,
                    verified.size(),
                    algorithmId(algorithm),
                    keyVersion);
            LocalDate issue = today();
            LocalDate expiry =
                    issue.plusYears(dict.parameter("card_validity_years").asInt());
            int position = 0;
            for (CardRecord app : verified) {
                workflow.move(c, operator, app.id(), CardState.IN_PRODUCTION, "batch " + batchId);
                CardRepository.assignIdentity(
                        c, app.id(), numbering.nextAsn(c), numbering.nextCardNumber(c), issue, expiry, batchId);
                Database.update(
                        c,
                        "INSERT INTO batch_item (batch_id, card_id, position, status, attempts) VALUES (?, ?, ?, 'PENDING', 0)",
                        batchId,
                        app.id(),
                        ++position);
            }
            audit.record(
                    c,
                    operator,
                    AuditAction.BATCH_CREATE,
                    null,
                    null,
                    "batch " + batchId + " of " + verified.size() + " cards for key set " + keySetName + ", "
                            + algorithm.label() + ", key version "
                            + (keyVersion == 0 ? "the newest" : String.format("%02X", keyVersion)));
            return new Batch(batchId, keySetName, verified.size(), 0, false, algorithm, keyVersion);
        });
    }

    Optional<Batch> batch(long batchId) {
        return db.read(c -> batch(c, batchId));
    }

    private static Optional<Batch> batch(Connection c, long batchId) throws SQLException {
        return Database.first(
                c,
                "SELECT b.id, b.key_set, b.size, b.finished_at, (SELECT COUNT(*) FROM batch_item i WHERE i.batch_id = b.id"
                        + " AND i.status = 'DONE'), b.algorithm, b.key_version FROM production_batch b WHERE b.id = ?",
                rs -> new Batch(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getInt(5),
                        rs.getTimestamp(4) != null,
                        Algorithm.fromId((byte) Integer.parseInt(rs.getString(6), 16)),
                        rs.getInt(7)),
                batchId);
    }

    List<Batch> batches() {
        return db.read(c -> {
            List<Long> ids = Database.query(c, "SELECT id FROM production_batch ORDER BY id", rs -> rs.getLong(1));
            List<Batch> out = new ArrayList<>();
            for (long id : ids) {
                out.add(batch(c, id).orElseThrow());
            }
            return out;
        });
    }

    /** Fixes the key version of a batch made without one (its first run: the key set's newest). */
    int fixKeyVersion(long batchId, int newest) {
        return db.inTransaction(c -> {
            Database.update(
                    c, "UPDATE production_batch SET key_version = ? WHERE id = ? AND key_version = 0", newest, batchId);
            return batch(c, batchId).orElseThrow().keyVersion();
        });
    }

    /** Marks a batch finished once every card of it is done. */
    void finish(long batchId) {
        db.inTransaction(c -> Database.update(
                c,
                "UPDATE production_batch SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                Timestamp.from(clock.instant()),
                batchId));
    }

    private static String algorithmId(Algorithm algorithm) {
        return algorithm.code();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.systemDefault()));
    }
}
