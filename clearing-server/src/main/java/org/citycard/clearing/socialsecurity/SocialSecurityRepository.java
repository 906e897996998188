package org.citycard.clearing.socialsecurity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Imported exchange files, contributions and medical-account movements (movements are booked by their natural key
 * in {@code exchange.MedicalMovementLedger}, issue 15).
 */
@Repository
public class SocialSecurityRepository {
    private final JdbcClient jdbc;

    public SocialSecurityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One contribution line. */
    public record Contribution(
            String citizenId,
            String month,
            String insuranceType,
            long base,
            long employerAmount,
            long personalAmount,
            String payer) {}

    /** One medical-account movement. */
    public record Movement(
            String citizenId,
            String date,
            String direction,
            long amount,
            long balanceAfter,
            String description,
            int lineNo) {}

    /** A file imported before. */
    public record Imported(
            String sha256,
            String fileName,
            String sender,
            String created,
            int detailLines,
            int contributions,
            int movements,
            int rejected,
            String errors,
            String importedBy,
            Instant importedAt) {}

    public Optional<Imported> imported(String sha256) {
        return jdbc.sql("SELECT * FROM ss_import WHERE sha256 = ?")
                .param(sha256)
                .query(SocialSecurityRepository::imported)
                .optional();
    }

    public List<Imported> imports(int limit) {
        return jdbc.sql("SELECT * FROM ss_import ORDER BY imported_at DESC OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")
                .param(limit)
                .query(SocialSecurityRepository::imported)
                .list();
    }

    public void insert(Imported i) {
        jdbc.sql("INSERT INTO ss_import (sha256, file_name, sender, created, detail_lines, contributions, movements,"
                        + " rejected, errors, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        i.sha256(),
                        i.fileName(),
                        i.sender(),
                        i.created(),
                        i.detailLines(),
                        i.contributions(),
                        i.movements(),
                        i.rejected(),
                        i.errors(),
                        i.importedBy(),
                        Timestamp.from(i.importedAt()))
                .update();
    }

    /** Adds a contribution, or corrects the one of the same citizen, month and insurance type. */
    public void put(Contribution c, String sha256) {
        int n = jdbc.sql("UPDATE ss_contribution SET base = ?, employer_amount = ?, personal_amount = ?, payer = ?,"
                        + " import_sha256 = ? WHERE citizen_id = ? AND contribution_month = ? AND insurance_type = ?")
                .params(
                        c.base(),
                        c.employerAmount(),
                        c.personalAmount(),
                        c.payer(),
                        sha256,
                        c.citizenId(),
                        c.month(),
                        c.insuranceType())
                .update();
        if (n == 0) {
            jdbc.sql(
                            "INSERT INTO ss_contribution (citizen_id, contribution_month, insurance_type, base,"
                                    + " employer_amount, personal_amount, payer, import_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            c.citizenId(),
                            c.month(),
                            c.insuranceType(),
                            c.base(),
                            c.employerAmount(),
                            c.personalAmount(),
                            c.payer(),
                            sha256)
                    .update();
        }
    }

    /** Newest month first. */
    public List<Contribution> contributions(String citizenId, int limit) {
        return jdbc.sql("SELECT * FROM ss_contribution WHERE citizen_id = ? ORDER BY contribution_month DESC,"
                        + " insurance_type OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")
                .params(citizenId, limit)
                .query((rs, i) -> new Contribution(
                        rs.getString("citizen_id"),
                        rs.getString("contribution_month"),
                        rs.getString("insurance_type"),
                        rs.getLong("base"),
                        rs.getLong("employer_amount"),
                        rs.getLong("personal_amount"),
                        rs.getString("payer")))
                .list();
    }

    /** Newest first (by date, then the order of the files). */
    public List<Movement> movements(String citizenId, int limit) {
        return jdbc.sql("SELECT m.* FROM ss_medical_movement m JOIN ss_import i ON i.sha256 = m.import_sha256"
                        + " WHERE m.citizen_id = ? ORDER BY m.movement_date DESC, i.imported_at DESC, m.line_no DESC"
                        + " OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")
                .params(citizenId, limit)
                .query((rs, i) -> new Movement(
                        rs.getString("citizen_id"),
                        rs.getString("movement_date"),
                        rs.getString("direction"),
                        rs.getLong("amount"),
                        rs.getLong("balance_after"),
                        rs.getString("description"),
                        rs.getInt("line_no")))
                .list();
    }

    private static Imported imported(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Imported(
                rs.getString("sha256"),
                rs.getString("file_name"),
                rs.getString("sender"),
                rs.getString("created"),
                rs.getInt("detail_lines"),
                rs.getInt("contributions"),
                rs.getInt("movements"),
                rs.getInt("rejected"),
                rs.getString("errors"),
                rs.getString("imported_by"),
                rs.getTimestamp("imported_at").toInstant());
    }
}
