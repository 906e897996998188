package org.citycard.issuance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.People;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: whoever can write the database must not be able to rewrite the audit log and recompute its chain. The
 * chain is keyed (HMAC-SHA256 under a key that is not in the database), so an entry changed and re-chained with plain
 * SHA-256 — all an attacker without the key can do — is found.
 */
class AuditChainKeyTest {
    @TempDir
    Path dir;

    @Test
    void rewritingARow_andRecomputingAnUnkeyedChain_isDetected() {
        try (Fixture f = new Fixture(dir)) {
            String id = People.id(21);
            f.tool.audit().record(f.clerk, AuditAction.ENROL, id, null, "applicant enrolled");
            f.tool.audit().record(f.reviewer, AuditAction.REVIEW_REJECT, id, null, "rejected: photo");
            f.tool.audit().record(f.clerk, AuditAction.ENROL_EDIT, id, null, "photo replaced");
            assertThat(f.tool.audit().verify().intact()).isTrue();

            f.tool.db().inTransaction(c -> {
                Database.update(
                        c,
                        "UPDATE audit_log SET detail = 'approved' WHERE action = ?",
                        AuditAction.REVIEW_REJECT.name());
                List<AuditEntry> all = Database.query(
                        c,
                        "SELECT * FROM audit_log ORDER BY seq",
                        rs -> new AuditEntry(
                                rs.getLong("seq"),
                                rs.getTimestamp("happened_at").toInstant(),
                                rs.getString("actor"),
                                AuditAction.valueOf(rs.getString("action")),
                                rs.getString("citizen"),
                                rs.getString("card") == null
                                        ? null
                                        : rs.getString("card").strip(),
                                rs.getString("detail"),
                                rs.getString("prev_hash"),
                                rs.getString("hash")));
                String prev = "0".repeat(64);
                for (AuditEntry e : all) {
                    String h = AuditLog.chain(
                            prev, e.seq(), e.at(), e.actor(), e.action(), e.citizen(), e.card(), e.detail());
                    Database.update(c, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", prev, h, e.seq());
                    prev = h;
                }
                Database.update(c, "UPDATE audit_head SET hash = ? WHERE id = 1", prev);
                return Timestamp.from(java.time.Instant.now());
            });

            AuditLog.Verification v = f.tool.audit().verify();
            assertThat(v.intact()).as(v.message()).isFalse();
        }
    }
}
