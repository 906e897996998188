package org.citycard.issuance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.People;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void entries_maskIdNumbers_andMirrorToTheLogFile() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            String id = People.id(7);
            f.tool.audit().record(f.clerk, AuditAction.ENROL, id, null, "applicant " + id + " enrolled");
            AuditEntry e = f.tool.audit().list(null, id, 10).get(0);
            assertThat(e.citizen())
                    .isEqualTo(org.citycard.dictionary.validate.CitizenId.mask(id))
                    .doesNotContain(id);
            assertThat(e.detail()).doesNotContain(id).contains(e.citizen());
            String mirror = Files.readString(f.tool.audit().mirrorFile());
            assertThat(mirror).contains("\"action\":\"ENROL\"").doesNotContain(id);
        }
    }

    @Test
    void keyLikeHex_isRemovedButAsnsAreKept() {
        assertThat(Redaction.clean("key 0123456789ABCDEFFEDCBA9876543210 loaded"))
                .isEqualTo("key [redacted] loaded");
        assertThat(Redaction.clean("card 31000000000000012345")).isEqualTo("card 31000000000000012345");
        assertThat(Redaction.clean("KCV 08D7B4")).isEqualTo("KCV 08D7B4");
    }

    @Test
    void verify_findsAChangedEntry() {
        try (Fixture f = new Fixture(dir)) {
            f.tool.audit().record(f.clerk, AuditAction.ENROL, null, null, "one");
            f.tool.audit().record(f.clerk, AuditAction.ENROL, null, null, "two");
            assertThat(f.tool.audit().verify().intact()).isTrue();
            long seq = f.tool.audit().list(null, null, 1).get(0).seq();
            f.tool.db()
                    .inTransaction(
                            c -> Database.update(c, "UPDATE audit_log SET detail = 'forged' WHERE seq = ?", seq - 1));
            AuditLog.Verification v = f.tool.audit().verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.message()).contains("entry " + (seq - 1) + " was changed");
        }
    }

    @Test
    void verify_findsRemovedLastEntries() {
        try (Fixture f = new Fixture(dir)) {
            long seq = f.tool.audit().list(null, null, 1).get(0).seq();
            f.tool.db().inTransaction(c -> Database.update(c, "DELETE FROM audit_log WHERE seq = ?", seq));
            assertThat(f.tool.audit().verify().message()).isEqualTo("entries after " + (seq - 1) + " were removed");
        }
    }

    @Test
    void rolledBackAction_leavesNoEntry() {
        try (Fixture f = new Fixture(dir)) {
            int before = f.tool.audit().list(null, null, 1000).size();
            try {
                f.tool.db().inTransaction(c -> {
                    f.tool.audit().record(c, f.clerk, AuditAction.ENROL, null, null, "will roll back");
                    throw new IllegalStateException("boom");
                });
            } catch (IllegalStateException expected) {
                // the action failed
            }
            assertThat(f.tool.audit().list(null, null, 1000)).hasSize(before);
            assertThat(f.tool.audit().verify().intact()).isTrue();
        }
    }
}
