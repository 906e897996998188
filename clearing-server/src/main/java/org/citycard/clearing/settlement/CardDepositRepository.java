package org.citycard.clearing.settlement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The deposits of cards (table card_deposit). */
@Repository
public class CardDepositRepository {
    private final JdbcClient jdbc;

    public CardDepositRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CardDeposit> find(String asn) {
        return jdbc.sql("SELECT * FROM card_deposit WHERE asn = ?")
                .param(asn)
                .query(CardDepositRepository::row)
                .optional();
    }

    public void insert(String asn, long amount, String movedFrom, long journalId, Instant at) {
        jdbc.sql("INSERT INTO card_deposit (asn, amount, status, moved_from, taken_journal_id, taken_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(asn, amount, CardDeposit.HELD, movedFrom, journalId, Timestamp.from(at))
                .update();
    }

    /** Takes a held deposit out of HELD; false when it is no longer held (refunded or moved by another request). */
    public boolean close(String asn, String status, String refundMode, String movedTo, Instant at) {
        return jdbc.sql("UPDATE card_deposit SET status = ?, refund_mode = ?, moved_to = ?, closed_at = ?"
                                + " WHERE asn = ? AND status = ?")
                        .params(status, refundMode, movedTo, Timestamp.from(at), asn, CardDeposit.HELD)
                        .update()
                == 1;
    }

    public void closedBy(String asn, long journalId) {
        jdbc.sql("UPDATE card_deposit SET closed_journal_id = ? WHERE asn = ?")
                .params(journalId, asn)
                .update();
    }

    private static CardDeposit row(ResultSet rs, int i) throws SQLException {
        long closed = rs.getLong("closed_journal_id");
        Long closedJournal = rs.wasNull() ? null : closed;
        Timestamp closedAt = rs.getTimestamp("closed_at");
        return new CardDeposit(
                rs.getString("asn"),
                rs.getLong("amount"),
                rs.getString("status"),
                rs.getString("refund_mode"),
                rs.getString("moved_from"),
                rs.getString("moved_to"),
                rs.getLong("taken_journal_id"),
                closedJournal,
                rs.getTimestamp("taken_at").toInstant(),
                closedAt == null ? null : closedAt.toInstant());
    }
}
