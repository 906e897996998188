package org.citycard.issuance.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.format.FixedWidthCodec;
import org.citycard.dictionary.validate.Rules;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.audit.Redaction;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;

/**
 * Imports a population registry file (layout {@code population_registry}) with the dictionary's {@link
 * FixedWidthCodec}: good lines are added or update the person already known, each bad line is reported by number
 * and field and left out. A file whose every line is bad changes nothing.
 */
public final class RegistryImport {
    private final Database db;
    private final Dictionary dict;
    private final AuditLog audit;
    private final Clock clock;

    public RegistryImport(Database db, Dictionary dict, AuditLog audit, Clock clock) {
        this.db = db;
        this.dict = dict;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The outcome of an import.
     *
     * @param errors one line per bad line of the file, ID numbers masked
     */
    public record Report(long importId, int linesRead, int imported, List<String> errors) {}

    public Report importFile(Staff actor, Path file) throws IOException {
        actor.require(db, Permission.IMPORT_REGISTRY);
        byte[] content = Files.readAllBytes(file);
        FixedWidthCodec codec = new FixedWidthCodec(dict, "population_registry");
        FixedWidthCodec.ReadResult read = codec.read(content);
        List<String> errors =
                read.errors().stream().map(e -> Redaction.clean(e.getMessage())).toList();
        int total = read.lines().size() + read.errors().size();
        return db.inTransaction(c -> {
            long id = Database.insert(
                    c,
                    "INSERT INTO registry_import (file_name, sha256, lines_read, lines_bad, imported_at, imported_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    file.getFileName().toString(),
                    sha256(content),
                    total,
                    errors.size(),
                    Timestamp.from(clock.instant()),
                    actor.username());
            for (FixedWidthCodec.Line line : read.lines()) {
                upsert(c, line, id);
            }
            audit.record(
                    c,
                    actor,
                    AuditAction.REGISTRY_IMPORT,
                    null,
                    null,
                    "file " + file.getFileName() + ": " + read.lines().size() + " people imported, " + errors.size()
                            + " bad lines");
            return new Report(id, total, read.lines().size(), errors);
        });
    }

    private void upsert(Connection c, FixedWidthCodec.Line line, long importId) throws SQLException {
        String id = line.get("citizen_id").toUpperCase(java.util.Locale.ROOT);
        Date birth;
        try {
            birth = Date.valueOf(Rules.date("birth_date", line.get("birth_date")));
        } catch (ValidationException e) {
            throw new IllegalStateException("line " + line.number() + " passed the codec with a bad date", e);
        }
        Object[] v = {
            line.get("name"),
            line.get("sex"),
            birth,
            line.get("ethnicity"),
            line.get("region"),
            line.get("status"),
            importId,
            id
        };
        int n = Database.update(
                c,
                "UPDATE registry_person SET name = ?, sex = ?, birth_date = ?, ethnicity = ?, region = ?, status = ?,"
                        + " import_id = ? WHERE citizen_id = ?",
                v);
        if (n == 0) {
            Database.update(
                    c,
                    "INSERT INTO registry_person (name, sex, birth_date, ethnicity, region, status, import_id, citizen_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    v);
        }
    }

    public static Optional<RegistryPerson> find(Connection c, String citizenId) throws SQLException {
        return Database.first(
                c,
                "SELECT * FROM registry_person WHERE citizen_id = ?",
                rs -> new RegistryPerson(
                        rs.getString("citizen_id"),
                        rs.getString("name"),
                        rs.getString("sex"),
                        rs.getDate("birth_date").toLocalDate(),
                        rs.getString("ethnicity"),
                        rs.getString("region"),
                        rs.getString("status")),
                citizenId);
    }

    /** The number of people known from the registry. */
    public int size() {
        return db.read(c -> Database.first(c, "SELECT COUNT(*) FROM registry_person", rs -> rs.getInt(1))
                .orElse(0));
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
