package org.citycard.clearing.bankfile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bank files, their payments and the status reports applied to them. */
@Repository
public class BankFileRepository {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public BankFileRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Inserts a bank file; a second file with the same MsgId (or day and bank) is refused by the database. */
    public void insert(BankFile f) {
        jdbc.sql(
                        "INSERT INTO bank_file (message_id, business_date, bank_code, bank_name, bic, debtor_account,"
                                + " debtor_name, tx_count, ctrl_sum, status, folder, manifest_sha256, created_at,"
                                + " manifest_signatures, manifest_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        f.messageId(),
                        f.businessDate(),
                        f.bankCode(),
                        f.bankName(),
                        f.bic(),
                        f.debtorAccount(),
                        f.debtorName(),
                        f.txCount(),
                        f.ctrlSum(),
                        f.status(),
                        f.folder(),
                        f.manifestSha256(),
                        Timestamp.from(f.createdAt()),
                        f.manifestSignatures(),
                        f.manifestVersion())
                .update();
    }

    public void insert(List<Payment> payments) {
        template.batchUpdate(
                "INSERT INTO payment (end_to_end_id, message_id, business_date, kind, department_code, asn, payee_name,"
                        + " creditor_name, creditor_account, creditor_bank, creditor_bic, purchase_count, gross, fee,"
                        + " amount, status, reason, retry_of, retried_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                payments,
                500,
                (ps, p) -> {
                    ps.setString(1, p.endToEndId());
                    ps.setString(2, p.messageId());
                    ps.setString(3, p.businessDate());
                    ps.setString(4, p.kind().name());
                    ps.setString(5, p.departmentCode());
                    ps.setString(6, p.asn());
                    ps.setString(7, p.payeeName());
                    ps.setString(8, p.creditorName());
                    ps.setString(9, p.creditorAccount());
                    ps.setString(10, p.creditorBank());
                    ps.setString(11, p.creditorBic());
                    ps.setLong(12, p.purchaseCount());
                    ps.setLong(13, p.gross());
                    ps.setLong(14, p.fee());
                    ps.setLong(15, p.amount());
                    ps.setString(16, p.status());
                    ps.setString(17, p.reason());
                    ps.setString(18, p.retryOf());
                    ps.setString(19, p.retriedBy());
                });
    }

    public List<BankFile> filesOf(String businessDate) {
        return jdbc.sql("SELECT * FROM bank_file WHERE business_date = ? ORDER BY bank_code")
                .param(businessDate)
                .query(BankFileRepository::file)
                .list();
    }

    /** The newest files first. */
    public List<BankFile> recentFiles(int limit) {
        return jdbc.sql("SELECT * FROM bank_file ORDER BY business_date DESC, bank_code"
                        + " OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")
                .param(limit)
                .query(BankFileRepository::file)
                .list();
    }

    public Optional<BankFile> file(String messageId) {
        return jdbc.sql("SELECT * FROM bank_file WHERE message_id = ?")
                .param(messageId)
                .query(BankFileRepository::file)
                .optional();
    }

    /** The payments of a file in file order (by end-to-end ID). */
    public List<Payment> payments(String messageId) {
        return jdbc.sql("SELECT * FROM payment WHERE message_id = ? ORDER BY end_to_end_id")
                .param(messageId)
                .query(BankFileRepository::payment)
                .list();
    }

    /** Rejected payments no retry has taken up yet, oldest first. */
    public List<Payment> rejectedAwaitingRetry() {
        return jdbc.sql("SELECT * FROM payment WHERE status = ? AND retried_by IS NULL ORDER BY business_date,"
                        + " end_to_end_id")
                .param(Payment.REJECTED)
                .query(BankFileRepository::payment)
                .list();
    }

    public void markRetried(String endToEndId, String retry) {
        jdbc.sql("UPDATE payment SET retried_by = ? WHERE end_to_end_id = ? AND retried_by IS NULL")
                .params(retry, endToEndId)
                .update();
    }

    public void setManifest(String messageId, String sha256) {
        jdbc.sql("UPDATE bank_file SET manifest_sha256 = ? WHERE message_id = ?")
                .params(sha256, messageId)
                .update();
    }

    public void setPaymentStatus(String endToEndId, String status, String reason, Instant at) {
        jdbc.sql("UPDATE payment SET status = ?, reason = ?, status_at = ? WHERE end_to_end_id = ?")
                .params(status, reason, Timestamp.from(at), endToEndId)
                .update();
    }

    public void setFileStatus(String messageId, String status, Instant at) {
        jdbc.sql("UPDATE bank_file SET status = ?, status_at = ? WHERE message_id = ?")
                .params(status, Timestamp.from(at), messageId)
                .update();
    }

    /** The status report applied under this report MsgId, if any: (original MsgId, SHA-256 of the report). */
    public Optional<String[]> statusReport(String reportId) {
        return jdbc.sql("SELECT message_id, sha256 FROM bank_status_report WHERE report_id = ?")
                .param(reportId)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional();
    }

    public void insertStatusReport(
            String reportId, String messageId, String sha256, int accepted, int rejected, Instant at) {
        jdbc.sql("INSERT INTO bank_status_report (report_id, message_id, sha256, accepted, rejected, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(reportId, messageId, sha256, accepted, rejected, Timestamp.from(at))
                .update();
    }

    private static BankFile file(ResultSet rs, int i) throws SQLException {
        Timestamp statusAt = rs.getTimestamp("status_at");
        return new BankFile(
                rs.getString("message_id"),
                rs.getString("business_date"),
                rs.getString("bank_code"),
                rs.getString("bank_name"),
                rs.getString("bic"),
                rs.getString("debtor_account"),
                rs.getString("debtor_name"),
                rs.getInt("tx_count"),
                rs.getLong("ctrl_sum"),
                rs.getString("status"),
                rs.getString("folder"),
                rs.getString("manifest_sha256"),
                rs.getTimestamp("created_at").toInstant(),
                statusAt == null ? null : statusAt.toInstant(),
                rs.getString("manifest_signatures"),
                rs.getInt("manifest_version"));
    }

    private static Payment payment(ResultSet rs, int i) throws SQLException {
        return new Payment(
                rs.getString("end_to_end_id"),
                rs.getString("message_id"),
                rs.getString("business_date"),
                PaymentKind.valueOf(rs.getString("kind")),
                rs.getString("department_code"),
                rs.getString("asn"),
                rs.getString("payee_name"),
                rs.getString("creditor_name"),
                rs.getString("creditor_account"),
                rs.getString("creditor_bank"),
                rs.getString("creditor_bic"),
                rs.getLong("purchase_count"),
                rs.getLong("gross"),
                rs.getLong("fee"),
                rs.getLong("amount"),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getString("retry_of"),
                rs.getString("retried_by"));
    }
}
