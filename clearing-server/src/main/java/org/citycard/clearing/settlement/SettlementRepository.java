package org.citycard.clearing.settlement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Closed days and their per-department settlements. */
@Repository
public class SettlementRepository {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public SettlementRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public Optional<ClosedDay> day(String businessDate) {
        return jdbc.sql("SELECT * FROM business_day WHERE business_date = ?")
                .param(businessDate)
                .query(SettlementRepository::day)
                .optional();
    }

    /** The newest closed days first. */
    public List<ClosedDay> days(int limit) {
        return jdbc.sql("SELECT * FROM business_day ORDER BY business_date DESC OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")
                .param(limit)
                .query(SettlementRepository::day)
                .list();
    }

    public void insert(ClosedDay d) {
        jdbc.sql("INSERT INTO business_day (business_date, status, files_created, purchase_count, gross, fee, net,"
                        + " payment_count, payment_total, journal_id, closed_by, closed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        d.businessDate(),
                        d.status(),
                        d.filesCreated(),
                        d.purchaseCount(),
                        d.gross(),
                        d.fee(),
                        d.net(),
                        d.paymentCount(),
                        d.paymentTotal(),
                        d.journalId(),
                        d.closedBy(),
                        Timestamp.from(d.closedAt()))
                .update();
    }

    public void insert(List<SettlementRow> rows) {
        template.batchUpdate(
                "INSERT INTO settlement (business_date, department_code, purchase_count, gross, record_fees,"
                        + " fee_rate_bp, fee, net) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
                500,
                (ps, r) -> {
                    ps.setString(1, r.businessDate());
                    ps.setString(2, r.departmentCode());
                    ps.setLong(3, r.purchaseCount());
                    ps.setLong(4, r.gross());
                    ps.setLong(5, r.recordFees());
                    ps.setInt(6, r.feeRateBp());
                    ps.setLong(7, r.fee());
                    ps.setLong(8, r.net());
                });
    }

    public List<SettlementRow> settlements(String businessDate) {
        return jdbc.sql("SELECT * FROM settlement WHERE business_date = ? ORDER BY department_code")
                .param(businessDate)
                .query((rs, i) -> new SettlementRow(
                        rs.getString("business_date"),
                        rs.getString("department_code"),
                        rs.getLong("purchase_count"),
                        rs.getLong("gross"),
                        rs.getLong("record_fees"),
                        rs.getInt("fee_rate_bp"),
                        rs.getLong("fee"),
                        rs.getLong("net")))
                .list();
    }

    private static ClosedDay day(ResultSet rs, int i) throws SQLException {
        long journal = rs.getLong("journal_id");
        return new ClosedDay(
                rs.getString("business_date"),
                rs.getString("status"),
                rs.getString("files_created"),
                rs.getLong("purchase_count"),
                rs.getLong("gross"),
                rs.getLong("fee"),
                rs.getLong("net"),
                rs.getInt("payment_count"),
                rs.getLong("payment_total"),
                rs.wasNull() ? null : journal,
                rs.getString("closed_by"),
                rs.getTimestamp("closed_at").toInstant());
    }
}
