package org.citycard.clearing.ledger;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.citycard.clearing.support.IdAllocator;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes journals. A journal is refused unless its debits equal its credits; it is written in the caller's
 * transaction, so the money and the fact that caused it (a load, a batch) become durable together or not at all.
 */
@Service
public class LedgerService {
    private final JdbcTemplate jdbc;
    private final IdAllocator ids;
    private final Clock clock;

    public LedgerService(JdbcTemplate jdbc, IdAllocator ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Posts a balanced journal and returns its id.
     *
     * @throws IllegalArgumentException when the lines do not balance (a programming error: nothing is written)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long post(
            JournalKind kind, String businessDate, String sourceRef, String terminalId, List<PostingLine> lines) {
        long debits = 0;
        long credits = 0;
        for (PostingLine l : lines) {
            debits = Math.addExact(debits, l.debit());
            credits = Math.addExact(credits, l.credit());
        }
        if (lines.isEmpty() || debits != credits) {
            throw new IllegalArgumentException("journal " + kind + " " + sourceRef + " does not balance: debits "
                    + debits + ", credits " + credits + " fen");
        }
        long id = ids.next("journal");
        jdbc.update(
                "INSERT INTO journal (id, kind, business_date, source_ref, terminal_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                id,
                kind.name(),
                businessDate,
                sourceRef,
                terminalId,
                Timestamp.from(clock.instant()));
        jdbc.batchUpdate(
                "INSERT INTO posting (journal_id, line_no, account, asn, department_code, debit, credit, business_date)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        PostingLine l = lines.get(i);
                        ps.setLong(1, id);
                        ps.setInt(2, i + 1);
                        ps.setString(3, l.account().name());
                        ps.setString(4, l.asn());
                        ps.setString(5, l.departmentCode());
                        ps.setLong(6, l.debit());
                        ps.setLong(7, l.credit());
                        ps.setString(8, businessDate);
                    }

                    @Override
                    public int getBatchSize() {
                        return lines.size();
                    }
                });
        return id;
    }
}
