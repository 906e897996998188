package org.citycard.clearing.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import org.citycard.clearing.support.IdAllocator;
import org.citycard.dictionary.wire.ResponseCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Terminal batch reconciliation (0500): the terminal's count and amount of loads (credits) and purchases (debits)
 * of one of its days beside what the host received from it for that day. Purchases count once whether accepted or
 * quarantined (the terminal made them); exact repeats and released copies do not count again.
 */
@Service
public class ReconciliationService {
    private final JdbcTemplate jdbc;
    private final IdAllocator ids;
    private final Clock clock;

    public ReconciliationService(JdbcTemplate jdbc, IdAllocator ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    /** Count and amount. */
    public record Totals(long creditCount, long creditAmount, long debitCount, long debitAmount) {}

    public record Result(Totals host, ResponseCode response) {}

    public Totals hostTotals(String terminalId, String date) {
        long[] loads = jdbc.queryForObject(
                "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM load_txn WHERE terminal_id = ? AND local_date = ?"
                        + " AND status = 'COMPLETED'",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)},
                terminalId,
                date);
        long[] accepted = jdbc.queryForObject(
                "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM purchase WHERE terminal_id = ? AND transaction_date = ?",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)},
                terminalId,
                date);
        long[] quarantined = jdbc.queryForObject(
                "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM quarantine WHERE source = ? AND terminal_id = ?"
                        + " AND transaction_date = ? AND status IN (?, ?)",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)},
                QuarantineEntry.RECORD,
                terminalId,
                date,
                QuarantineEntry.HELD,
                QuarantineEntry.QUARANTINED);
        return new Totals(loads[0], loads[1], accepted[0] + quarantined[0], accepted[1] + quarantined[1]);
    }

    @Transactional
    public Result reconcile(String terminalId, String date, String batchNumber, Totals terminal) {
        Totals host = hostTotals(terminalId, date);
        ResponseCode response = host.equals(terminal) ? ResponseCode.APPROVED : ResponseCode.RECONCILIATION_MISMATCH;
        jdbc.update(
                "INSERT INTO reconciliation (id, terminal_id, business_date, batch_number, terminal_credit_count,"
                        + " terminal_credit_amount, terminal_debit_count, terminal_debit_amount, host_credit_count,"
                        + " host_credit_amount, host_debit_count, host_debit_amount, response_code, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ids.next("event"),
                terminalId,
                date,
                batchNumber,
                terminal.creditCount(),
                terminal.creditAmount(),
                terminal.debitCount(),
                terminal.debitAmount(),
                host.creditCount(),
                host.creditAmount(),
                host.debitCount(),
                host.debitAmount(),
                response.code(),
                Timestamp.from(clock.instant()));
        return new Result(host, response);
    }
}
