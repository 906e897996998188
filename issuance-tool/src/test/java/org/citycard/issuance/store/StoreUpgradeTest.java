package org.citycard.issuance.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.staff.PasswordHasher;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.People;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory made before issue 15 (schema 1, unencrypted, an unkeyed audit chain): {@code --encrypt-existing}
 * encrypts it in place, its old entries still verify (as unkeyed), and the entries written after are keyed.
 */
class StoreUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void anOldDataDirectory_isEncryptedAndItsChainKeyedFromTheNextEntry() throws Exception {
        Path data = dir.resolve("old");
        String id = People.id(31);
        String name = "司马长风";
        makeOld(data, id, name);

        try (IssuanceTool tool = IssuanceTool.open(data, Fixture.BOOT_PASSWORD.clone(), Clock.systemUTC(), true)) {
            AuditLog.Verification v = tool.audit().verify();
            assertThat(v.intact()).as(v.message()).isTrue();
            assertThat(v.message()).contains("from entry 3").contains("written unkeyed");
            tool.staff().login("sup", Fixture.PASSWORD.clone()); // entry 3, keyed
            assertThat(tool.audit().verify().intact()).isTrue();
        }
        try (IssuanceTool tool = IssuanceTool.open(data, Fixture.BOOT_PASSWORD.clone())) {
            assertThat(tool.enrolment().citizen(id)).isPresent();
            assertThat(tool.audit().verify().entries()).isEqualTo(3);
        }
        try (Stream<Path> files = Files.walk(data.resolve("db"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] raw = Files.readAllBytes(p);
                assertThat(contains(raw, name.getBytes(StandardCharsets.UTF_8)))
                        .as("%s holds the name", p)
                        .isFalse();
            }
        }
    }

    /** A schema-1 database as the tool made it before: unencrypted, two entries chained with plain SHA-256. */
    private static void makeOld(Path data, String id, String name) throws Exception {
        Files.createDirectories(data);
        String url = "jdbc:derby:" + data.toAbsolutePath().resolve("db");
        try (Connection c = DriverManager.getConnection(url + ";create=true");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, applied_at TIMESTAMP)");
            for (String sql : Database.statements(script())) {
                s.execute(sql);
            }
            s.execute("INSERT INTO schema_version VALUES (1, CURRENT_TIMESTAMP)");
            Timestamp now = Timestamp.from(Instant.now());
            Database.update(
                    c,
                    "INSERT INTO staff VALUES ('sup', 'Supervisor', 'SUPERVISOR', ?, TRUE, 0, ?, 'system')",
                    new PasswordHasher(10_000).hash(Fixture.PASSWORD.clone()),
                    now);
            Database.update(
                    c,
                    "INSERT INTO citizen (citizen_id, name, sex, ethnicity, birth_date, birthplace, enrolled_at,"
                            + " enrolled_by) VALUES (?, ?, '1', '01', ?, '310101', ?, 'sup')",
                    id,
                    name,
                    java.sql.Date.valueOf("1980-01-01"),
                    now);
            String prev = "0".repeat(64);
            for (int seq = 1; seq <= 2; seq++) {
                Instant at = Instant.parse("2026-11-0" + seq + "T08:00:00Z");
                String detail = "entry " + seq;
                String h = sha256(String.join(
                        "\u001F", prev, Long.toString(seq), at.toString(), "sup", "LOGIN", "null", "null", detail));
                Database.update(
                        c,
                        "INSERT INTO audit_log (seq, happened_at, actor, action, citizen, card, detail, prev_hash,"
                                + " hash) VALUES (?, ?, 'sup', 'LOGIN', NULL, NULL, ?, ?, ?)",
                        seq,
                        Timestamp.from(at),
                        detail,
                        prev,
                        h);
                prev = h;
            }
            Database.update(c, "UPDATE audit_head SET seq = 2, hash = ? WHERE id = 1", prev);
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true");
        } catch (SQLException expected) {
            // 08006: shut down
        }
    }

    private static String script() throws IOException {
        try (InputStream in = Database.class.getResourceAsStream("schema-1.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
