package org.citycard.issuance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.citycard.issuance.server.AuditHead;
import org.citycard.issuance.server.CardReport;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.People;
import org.citycard.issuance.support.RecordingRegistry;
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

    @Test
    void movingTheStartOfTheKeyedChain_isDetected() {
        try (Fixture f = new Fixture(dir)) {
            f.tool.db().inTransaction(c -> Database.update(c, "UPDATE audit_head SET keyed_from = 1000 WHERE id = 1"));
            AuditLog.Verification v = f.tool.audit().verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.message()).contains("where the keyed chain starts was changed");
        }
    }

    @Test
    void aRewriteWithTheKey_passesLocally_butNotAgainstTheHeadTheServerHolds() {
        try (Fixture f = new Fixture(dir)) {
            String id = People.id(22);
            f.tool.audit().record(f.reviewer, AuditAction.REVIEW_REJECT, id, null, "rejected: photo");
            AuditLog.Head reported = f.tool.audit().head(); // what the server was told with the last card
            f.tool.audit().record(f.clerk, AuditAction.ENROL_EDIT, id, null, "photo replaced");

            // someone with the boot password (so the key) rewrites the rejection and re-chains every entry
            AuditLog audit = f.tool.audit();
            f.tool.db().inTransaction(c -> {
                Database.update(
                        c,
                        "UPDATE audit_log SET detail = 'approved' WHERE action = ?",
                        AuditAction.REVIEW_REJECT.name());
                String prev = "0".repeat(64);
                for (AuditEntry e : audit.list(null, null, 1000)) {
                    String detail = e.action() == AuditAction.REVIEW_REJECT ? "approved" : e.detail();
                    String h = audit.mac(prev, e.seq(), e.at(), e.actor(), e.action(), e.citizen(), e.card(), detail);
                    Database.update(c, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", prev, h, e.seq());
                    prev = h;
                }
                return Database.update(c, "UPDATE audit_head SET hash = ? WHERE id = 1", prev);
            });
            assertThat(audit.verify().intact()).as("locally it is consistent").isTrue();
            AuditLog.Verification v = audit.verifyAgainst(reported);
            assertThat(v.intact()).isFalse();
            assertThat(v.message()).contains("does not have the MAC the clearing server was told");
        }
    }

    @Test
    void entriesCutOffTheEnd_areFoundByTheServersHead() {
        try (Fixture f = new Fixture(dir)) {
            f.tool.audit().record(f.clerk, AuditAction.ENROL, People.id(23), null, "applicant enrolled");
            AuditLog.Head before = f.tool.audit().head();
            AuditEntry kept = f.tool.audit().list(null, null, 2).get(0);
            f.tool.db().inTransaction(c -> {
                Database.update(c, "DELETE FROM audit_log WHERE seq > ?", kept.seq());
                return Database.update(
                        c, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", kept.seq(), kept.hash());
            });
            assertThat(f.tool.audit().verify().intact()).isTrue();
            assertThat(f.tool.audit().verifyAgainst(before).message()).contains("entries were removed");
        }
    }

    @Test
    void everyCardReport_carriesTheHead() {
        try (Fixture f = new Fixture(dir)) {
            RecordingRegistry registry = new RecordingRegistry();
            var client = f.tool.reportingTo(registry);
            client.register(new CardReport("31000000000000000017", "01", "20361231", 0, People.id(24)));
            AuditLog.Head now = f.tool.audit().head();
            assertThat(registry.heads).containsExactly(new AuditHead(now.seq(), now.mac()));
            assertThat(f.tool.audit().verifyAgainst(now).intact()).isTrue();
        }
    }
}
