package org.citycard.clearing.settlement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refunds and balance moves of cards, and what they wait for. */
@Repository
public class CardSettlementRepository {
    private final JdbcClient jdbc;

    public CardSettlementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CardSettlement> find(String asn) {
        return jdbc.sql("SELECT * FROM card_settlement WHERE asn = ?")
                .param(asn)
                .query(CardSettlementRepository::row)
                .optional();
    }

    public List<CardSettlement> pending() {
        return jdbc.sql("SELECT * FROM card_settlement WHERE status = ? ORDER BY asn")
                .param(CardSettlement.PENDING)
                .query(CardSettlementRepository::row)
                .list();
    }

    /** Refunds booked but not yet taken into a bank file. */
    public List<CardSettlement> refundsToPay() {
        return jdbc.sql("SELECT * FROM card_settlement WHERE kind = ? AND status = ? AND amount > 0"
                        + " AND end_to_end_id IS NULL ORDER BY asn")
                .params(CardSettlement.REFUND, CardSettlement.DONE)
                .query(CardSettlementRepository::row)
                .list();
    }

    public void insert(CardSettlement s) {
        jdbc.sql("INSERT INTO card_settlement (asn, kind, new_asn, bank_code, account_number, account_name, status,"
                        + " amount, reason, requested_at, ready_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        s.asn(),
                        s.kind(),
                        s.newAsn(),
                        s.bankCode(),
                        s.accountNumber(),
                        s.accountName(),
                        s.status(),
                        s.amount(),
                        s.reason(),
                        Timestamp.from(s.requestedAt()),
                        Timestamp.from(s.readyAt()))
                .update();
    }

    public void setAccount(String asn, String bankCode, String accountNumber, String accountName) {
        jdbc.sql("UPDATE card_settlement SET bank_code = ?, account_number = ?, account_name = ? WHERE asn = ?")
                .params(bankCode, accountNumber, accountName, asn)
                .update();
    }

    public void setReason(String asn, String reason) {
        jdbc.sql("UPDATE card_settlement SET reason = ? WHERE asn = ?")
                .params(reason, asn)
                .update();
    }

    /** Marks it done; false when another request did so first. */
    public boolean done(String asn, long amount, String reason, Long journalId, Instant at) {
        return jdbc.sql("UPDATE card_settlement SET status = ?, amount = ?, reason = ?, journal_id = ?, done_at = ?"
                                + " WHERE asn = ? AND status = ?")
                        .params(
                                CardSettlement.DONE,
                                amount,
                                reason,
                                journalId,
                                Timestamp.from(at),
                                asn,
                                CardSettlement.PENDING)
                        .update()
                == 1;
    }

    public void paidIn(String asn, String endToEndId) {
        jdbc.sql("UPDATE card_settlement SET end_to_end_id = ? WHERE asn = ?")
                .params(endToEndId, asn)
                .update();
    }

    /** Loads of the card authorised at a terminal that have neither completed nor been reversed. */
    public long openLoads(String asn) {
        return jdbc.sql("SELECT COUNT(*) FROM load_txn WHERE asn = ? AND status = 'AUTHORISED'")
                .param(asn)
                .query(Long.class)
                .single();
    }

    private static CardSettlement row(ResultSet rs, int i) throws SQLException {
        Timestamp done = rs.getTimestamp("done_at");
        long journal = rs.getLong("journal_id");
        Long journalId = rs.wasNull() ? null : journal;
        return new CardSettlement(
                rs.getString("asn"),
                rs.getString("kind"),
                rs.getString("new_asn"),
                rs.getString("bank_code"),
                rs.getString("account_number"),
                rs.getString("account_name"),
                rs.getString("status"),
                rs.getLong("amount"),
                rs.getString("reason"),
                rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("ready_at").toInstant(),
                done == null ? null : done.toInstant(),
                journalId,
                rs.getString("end_to_end_id"));
    }
}
