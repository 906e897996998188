package org.citycard.issuance.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.store.StoreException;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.People;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: someone with a copy of the data directory must not read the citizens, staff, roles or audit rows from
 * the database files (Derby with dataEncryption=true and a boot password).
 */
class StoreEncryptionTest {
    @TempDir
    Path dir;

    @Test
    void theDatabaseFiles_holdNoCitizenNameOrIdNumber() throws IOException {
        String id = People.id(11);
        String name = "欧阳明月";
        Path data = dir.resolve("data");
        try (Fixture f = new Fixture(data)) {
            f.tool.enrolment().enrol(f.clerk, People.applicant(dir, id, name));
        }
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> files = Files.walk(data.resolve("db"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] raw = Files.readAllBytes(p);
                if (contains(raw, id.getBytes(StandardCharsets.US_ASCII))
                        || contains(raw, name.getBytes(StandardCharsets.UTF_8))
                        || contains(raw, "supervisor".toUpperCase().getBytes(StandardCharsets.US_ASCII))) {
                    holding.add(data.relativize(p));
                }
            }
        }
        assertThat(holding)
                .as("database files holding the citizen's name, ID number or a role")
                .isEmpty();
    }

    @Test
    void anUnencryptedDatabase_isRefused_untilItIsEncryptedOnPurpose() throws Exception {
        Path data = dir.resolve("old");
        Files.createDirectories(data);
        String url = "jdbc:derby:" + data.toAbsolutePath().resolve("db");
        java.sql.DriverManager.getConnection(url + ";create=true").close(); // as the tool made them before
        try {
            java.sql.DriverManager.getConnection(url + ";shutdown=true");
        } catch (java.sql.SQLException expected) {
            // 08006: shut down
        }
        assertThatThrownBy(() -> IssuanceTool.open(data, Fixture.BOOT_PASSWORD.clone()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is not encrypted")
                .hasMessageContaining("--encrypt-existing");

        try (IssuanceTool tool = IssuanceTool.open(data, Fixture.BOOT_PASSWORD.clone(), Clock.systemUTC(), true)) {
            tool.staff().bootstrap("sup", "Supervisor", Fixture.PASSWORD.clone());
        }
        assertThat(Files.readString(data.resolve("db/service.properties"))).contains("dataEncryption=true");
        try (IssuanceTool tool = IssuanceTool.open(data, Fixture.BOOT_PASSWORD.clone())) {
            assertThat(tool.staff().isEmpty()).isFalse();
        }
        assertThatThrownBy(() -> IssuanceTool.open(data, "a wrong boot password".toCharArray()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("boot password")
                .hasMessageContaining("is wrong")
                .hasMessageNotContaining("a wrong boot password");
    }

    @Test
    void theBootPassword_isInNoFileOfTheDataDirectory() throws IOException {
        Path data = dir.resolve("data");
        try (Fixture f = new Fixture(data)) {
            f.tool.enrolment().enrol(f.clerk, People.applicant(dir, People.id(12), "王五"));
        }
        byte[] secret = new String(Fixture.BOOT_PASSWORD).getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.filter(Files::isRegularFile).filter(p -> {
                        try {
                            return contains(Files.readAllBytes(p), secret);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }))
                    .isEmpty();
        }
    }

    @Test
    void aNewDatabase_needsALongEnoughBootPassword() {
        assertThatThrownBy(() -> IssuanceTool.open(dir.resolve("new"), "short".toCharArray()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("at least 12 characters");
    }

    static boolean contains(byte[] hay, byte[] needle) {
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
