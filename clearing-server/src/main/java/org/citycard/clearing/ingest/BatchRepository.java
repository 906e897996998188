package org.citycard.clearing.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Processed batches and their answers, so that a repeated batch is answered from here. */
@Repository
public class BatchRepository {
    private final JdbcTemplate jdbc;

    public BatchRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Stored> find(String terminalId, String batchNumber) {
        return jdbc
                .query(
                        "SELECT * FROM upload_batch WHERE terminal_id = ? AND batch_number = ?",
                        (rs, i) -> new Stored(
                                rs.getString("content_digest"),
                                new BatchResult(
                                        rs.getString("results"),
                                        rs.getInt("record_count"),
                                        rs.getInt("accepted"),
                                        rs.getInt("duplicates"),
                                        rs.getInt("quarantined"),
                                        rs.getLong("accepted_amount"),
                                        true)),
                        terminalId,
                        batchNumber)
                .stream()
                .findFirst();
    }

    public void insert(BatchUpload b, String digest, BatchResult r, String businessDate, Instant now) {
        jdbc.update(
                "INSERT INTO upload_batch (terminal_id, batch_number, content_digest, stan, record_count, accepted,"
                        + " duplicates, quarantined, accepted_amount, results, business_date, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                b.terminalId(),
                b.batchNumber(),
                digest,
                b.stan(),
                r.recordCount(),
                r.accepted(),
                r.duplicates(),
                r.quarantined(),
                r.acceptedAmount(),
                r.results(),
                businessDate,
                Timestamp.from(now));
    }

    public record Stored(String digest, BatchResult result) {}
}
