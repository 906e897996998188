package org.citycard.clearing.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.citycard.clearing.support.IdAllocator;
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

    /** A journal to post: its kind, business date, source, terminal (or null) and lines. */
    public record Entry(
            JournalKind kind, String businessDate, String sourceRef, String terminalId, List<PostingLine> lines) {}

    /**
     * Posts a balanced journal and returns its id.
     *
     * @throws IllegalArgumentException when the lines do not balance (a programming error: nothing is written)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long post(
            JournalKind kind, String businessDate, String sourceRef, String terminalId, List<PostingLine> lines) {
        return postAll(List.of(new Entry(kind, businessDate, sourceRef, terminalId, lines)))
                .get(0);
    }

    /**
     * Posts balanced journals with one batched insert for the journals and one for their lines; returns their ids
     * in order. Every journal is checked before anything is written.
     *
     * @throws IllegalArgumentException when one does not balance (nothing is written)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> postAll(List<Entry> entries) {
        checkBalanced(entries);
        List<Long> journalIds = new ArrayList<>(entries.size());
        List<Object[]> journals = new ArrayList<>(entries.size());
        List<Object[]> postings = new ArrayList<>();
        Timestamp now = Timestamp.from(clock.instant());
        for (Entry e : entries) {
            long id = ids.next("journal");
            journalIds.add(id);
            journals.add(new Object[] {id, e.kind().name(), e.businessDate(), e.sourceRef(), e.terminalId(), now});
            for (int i = 0; i < e.lines().size(); i++) {
                PostingLine l = e.lines().get(i);
                postings.add(new Object[] {
                    id, i + 1, l.account().name(), l.asn(), l.departmentCode(), l.debit(), l.credit(), e.businessDate()
                });
            }
        }
        if (entries.isEmpty()) {
            return journalIds;
        }
        jdbc.batchUpdate(
                "INSERT INTO journal (id, kind, business_date, source_ref, terminal_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                journals,
                new int[] {
                    java.sql.Types.BIGINT,
                    java.sql.Types.VARCHAR,
                    java.sql.Types.CHAR,
                    java.sql.Types.VARCHAR,
                    java.sql.Types.CHAR,
                    java.sql.Types.TIMESTAMP
                });
        jdbc.batchUpdate(
                "INSERT INTO posting (journal_id, line_no, account, asn, department_code, debit, credit, business_date)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                postings,
                new int[] {
                    java.sql.Types.BIGINT,
                    java.sql.Types.INTEGER,
                    java.sql.Types.VARCHAR,
                    java.sql.Types.CHAR,
                    java.sql.Types.CHAR,
                    java.sql.Types.BIGINT,
                    java.sql.Types.BIGINT,
                    java.sql.Types.CHAR
                });
        return journalIds;
    }

    /**
     * Checks that every journal has lines and balances, before anything is written; returns their lines' count.
     *
     * @throws IllegalArgumentException naming the first journal that does not balance
     */
    private static int checkBalanced(List<Entry> entries) {
        int lineCount = 0;
        for (Entry e : entries) {
            long debits = 0;
            long credits = 0;
            for (PostingLine l : e.lines()) {
                debits = Math.addExact(debits, l.debit());
                credits = Math.addExact(credits, l.credit());
            }
            if (e.lines().isEmpty() || debits != credits) {
                throw new IllegalArgumentException("journal " + e.kind() + " " + e.sourceRef()
                        + " does not balance: debits " + debits + ", credits " + credits + " fen");
            }
            lineCount += e.lines().size();
        }
        return lineCount;
    }

    private static final MultiRowInsert JOURNALS = new MultiRowInsert(
            "INSERT INTO journal (id, kind, business_date, source_ref, terminal_id, created_at) VALUES ",
            "(?, ?, ?, ?, ?, ?)");
    private static final MultiRowInsert POSTINGS = new MultiRowInsert(
            "INSERT INTO posting (journal_id, line_no, account, asn, department_code, debit, credit, business_date)"
                    + " VALUES ",
            "(?, ?, ?, ?, ?, ?, ?, ?)");

    /**
     * {@link #postAll} with multi-row statements ({@link MultiRowInsert}): the same journals, lines, identifiers and
     * checks, in fewer statement executions. For callers that post many small journals at once (a group commit of
     * load authorisations).
     *
     * @throws IllegalArgumentException when one does not balance (nothing is written)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> postAllInRows(List<Entry> entries) {
        int lineCount = checkBalanced(entries);
        if (entries.isEmpty()) {
            return List.of();
        }
        long[] ids = new long[entries.size()];
        int[] lineJournal = new int[lineCount];
        int[] lineIndex = new int[lineCount];
        for (int j = 0, n = 0; j < entries.size(); j++) {
            ids[j] = this.ids.next("journal");
            for (int i = 0; i < entries.get(j).lines().size(); i++, n++) {
                lineJournal[n] = j;
                lineIndex[n] = i;
            }
        }
        Timestamp now = Timestamp.from(clock.instant());
        JOURNALS.insert(jdbc, entries.size(), (ps, c, j) -> {
            Entry e = entries.get(j);
            ps.setLong(c, ids[j]);
            ps.setString(c + 1, e.kind().name());
            ps.setString(c + 2, e.businessDate());
            ps.setString(c + 3, e.sourceRef());
            if (e.terminalId() == null) {
                ps.setNull(c + 4, java.sql.Types.CHAR);
            } else {
                ps.setString(c + 4, e.terminalId());
            }
            ps.setTimestamp(c + 5, now);
        });
        POSTINGS.insert(jdbc, lineCount, (ps, c, n) -> {
            Entry e = entries.get(lineJournal[n]);
            PostingLine l = e.lines().get(lineIndex[n]);
            ps.setLong(c, ids[lineJournal[n]]);
            ps.setInt(c + 1, lineIndex[n] + 1);
            ps.setString(c + 2, l.account().name());
            if (l.asn() == null) {
                ps.setNull(c + 3, java.sql.Types.CHAR);
            } else {
                ps.setString(c + 3, l.asn());
            }
            if (l.departmentCode() == null) {
                ps.setNull(c + 4, java.sql.Types.CHAR);
            } else {
                ps.setString(c + 4, l.departmentCode());
            }
            ps.setLong(c + 5, l.debit());
            ps.setLong(c + 6, l.credit());
            ps.setString(c + 7, e.businessDate());
        });
        List<Long> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            out.add(id);
        }
        return out;
    }
}
