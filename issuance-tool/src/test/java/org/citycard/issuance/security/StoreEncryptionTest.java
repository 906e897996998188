package org.citycard.issuance.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
