package org.citycard.issuance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot password of the encrypted database changes with Derby's SYSCS_SET_DATABASE_PROPERTY('bootPassword'): the
 * database then opens with the new password only, and the keys derived from the boot password (the audit chain's)
 * stay what they were.
 */
class BootPasswordChangeTest {
    static final String FIRST = "the first boot password";
    static final String SECOND = "the second boot password";
    static final String THIRD = "the third boot password";

    @TempDir
    Path dir;

    @Test
    void afterTheChange_theDatabaseOpensWithTheNewPasswordOnly_andItsDerivedKeysStay() {
        Path data = dir.resolve("data");
        byte[] key;
        try (Database db = Database.open(data, FIRST.toCharArray())) {
            key = db.derivedKey("audit chain");
            db.inTransaction(c -> Database.update(c, "CREATE TABLE kept (v VARCHAR(20))")
                    + Database.update(c, "INSERT INTO kept VALUES ('still here')"));
            db.changeBootPassword(FIRST.toCharArray(), SECOND.toCharArray());
        }
        assertThatThrownBy(() -> Database.open(data, FIRST.toCharArray()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("boot password")
                .hasMessageContaining("wrong")
                .hasMessageNotContaining(FIRST);
        try (Database db = Database.open(data, SECOND.toCharArray())) {
            assertThat(db.derivedKey("audit chain")).isEqualTo(key);
            java.util.Optional<String> kept =
                    db.read(c -> Database.first(c, "SELECT v FROM kept", rs -> rs.getString(1)));
            assertThat(kept).contains("still here");
            // a second change: the key is still the first one's
            db.changeBootPassword(SECOND.toCharArray(), THIRD.toCharArray());
        }
        assertThatThrownBy(() -> Database.open(data, SECOND.toCharArray())).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> Database.open(data, FIRST.toCharArray())).isInstanceOf(StoreException.class);
        try (Database db = Database.open(data, THIRD.toCharArray())) {
            assertThat(db.derivedKey("audit chain")).isEqualTo(key);
            java.util.List<Long> wraps =
                    db.read(c -> Database.query(c, "SELECT id FROM key_wrap", rs -> rs.getLong(1)));
            assertThat(wraps)
                    .as("only the wrap under the password the database boots with is kept")
                    .hasSize(1);
        }
    }

    @Test
    void aNewPasswordAgainstTheRules_isRefusedNamingTheRule_andChangesNothing() {
        Path data = dir.resolve("data");
        try (Database db = Database.open(data, FIRST.toCharArray())) {
            assertThatThrownBy(() -> db.changeBootPassword(FIRST.toCharArray(), "too short".toCharArray()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("12..128 characters, not 9")
                    .hasMessageNotContaining("too short");
            assertThatThrownBy(() -> db.changeBootPassword(FIRST.toCharArray(), "with, a comma inside".toCharArray()))
                    .hasMessageContaining("no comma")
                    .hasMessageNotContaining("with, a comma");
            assertThatThrownBy(() -> db.changeBootPassword(FIRST.toCharArray(), " a leading space!".toCharArray()))
                    .hasMessageContaining("no space at its ends");
            assertThatThrownBy(() -> db.changeBootPassword(FIRST.toCharArray(), FIRST.toCharArray()))
                    .hasMessageContaining("is the current one");
            assertThatThrownBy(() -> db.changeBootPassword("not the boot password".toCharArray(), SECOND.toCharArray()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("current boot password")
                    .hasMessageContaining("wrong")
                    .hasMessageNotContaining("not the boot password")
                    .hasMessageNotContaining(SECOND);
            java.util.List<Long> wraps =
                    db.read(c -> Database.query(c, "SELECT id FROM key_wrap", rs -> rs.getLong(1)));
            assertThat(wraps).as("a refused change leaves no wrap behind").isEmpty();
        }
        assertThatThrownBy(() -> Database.open(data, SECOND.toCharArray())).isInstanceOf(StoreException.class);
        try (Database db = Database.open(data, FIRST.toCharArray())) {
            assertThat(db.dataDir()).isEqualTo(data);
        }
    }
}
