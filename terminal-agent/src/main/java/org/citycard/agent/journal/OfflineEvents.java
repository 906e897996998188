package org.citycard.agent.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citycard.dictionary.record.OfflineRecord;

/**
 * The offline money events (purchases, compound purchases, hotlist blocks): journaled PENDING before the debit,
 * COMPLETE with the TAC or VOID once the card proved the outcome, and the queries over them.
 */
final class OfflineEvents {
    private final JournalConnection c;

    OfflineEvents(JournalConnection c) {
        this.c = c;
    }

    /** Journals a purchase about to be sent to the card (state PENDING); returns its id. */
    long beginOffline(OfflineRecord d) {
        return insert(d, JournalEntry.State.PENDING, null);
    }

    /** Journals an event that is complete as it happens (a hotlist block). */
    long recordComplete(OfflineRecord d, String tacHex) {
        return insert(d, JournalEntry.State.COMPLETE, tacHex);
    }

    private long insert(OfflineRecord d, JournalEntry.State state, String tac) {
        String sql = "INSERT INTO offline_record (record_type, state, asn, offline_seq, terminal_id, ttsn, amount,"
                + " balance_before, transaction_date, transaction_time, tac, key_version, algorithm, department, payee, created,"
                + " record_data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement ps = c.conn.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, d.recordType());
            ps.setString(2, state.name());
            ps.setString(3, d.asn());
            ps.setInt(4, d.offlineSeq());
            ps.setString(5, d.terminalId());
            ps.setLong(6, d.ttsn());
            ps.setLong(7, d.amount());
            ps.setLong(8, d.balanceBefore());
            ps.setString(9, d.transactionDate());
            ps.setString(10, d.transactionTime());
            ps.setString(11, tac);
            ps.setInt(12, d.keyVersion());
            ps.setInt(13, d.algorithmId());
            ps.setString(14, d.departmentCode());
            ps.setString(15, d.payeeReference());
            ps.setTimestamp(16, new Timestamp(System.currentTimeMillis()));
            // a complete event keeps the record's bytes as they will be uploaded
            ps.setString(17, tac == null ? null : d.withTac(tac).rawHex());
            ps.executeUpdate();
            long id;
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                id = k.getLong(1);
            }
            c.conn.commit();
            return id;
        } catch (SQLException e) {
            throw c.fail("journal the " + d.recordType() + " event of card " + Journal.mask(d.asn()), e);
        }
    }

    /** The card proved the event: its TAC is kept and the record may be uploaded. */
    void complete(long id, String tacHex) {
        setState(id, JournalEntry.State.COMPLETE, tacHex);
    }

    /** The card proved the event did not happen (GET TRANSACTION PROVE 9406, or a refused debit). */
    void voidRecord(long id) {
        setState(id, JournalEntry.State.VOID, null);
    }

    private void setState(long id, JournalEntry.State state, String tac) {
        try (PreparedStatement ps = c.conn.prepareStatement(
                "UPDATE offline_record SET state = ?, tac = ?, record_data = ? WHERE id = ? AND state = 'PENDING'")) {
            String data = null;
            if (tac != null) {
                List<JournalEntry> pending = c.query0(
                        "SELECT " + JournalConnection.COLS + " FROM offline_record WHERE id = ?", new Object[] {id});
                if (pending.isEmpty()) {
                    c.conn.rollback();
                    throw new JournalException("record " + id + " is not in the journal; it cannot become " + state);
                }
                data = pending.get(0).record().withTac(tac).rawHex();
            }
            ps.setString(1, state.name());
            ps.setString(2, tac);
            ps.setString(3, data);
            ps.setLong(4, id);
            if (ps.executeUpdate() != 1) {
                c.conn.rollback();
                throw new JournalException("record " + id + " is not pending; it cannot become " + state);
            }
            if (state == JournalEntry.State.COMPLETE) {
                c.update0(
                        "DELETE FROM reconciliation WHERE business_date ="
                                + " (SELECT transaction_date FROM offline_record WHERE id = ?)",
                        id);
            }
            c.conn.commit();
        } catch (SQLException e) {
            throw c.fail("mark record " + id + " " + state, e);
        }
    }

    /** The events of this card whose answer was lost, oldest first: to be proven on this tap. */
    List<JournalEntry> pendingFor(String asn) {
        return c.query(
                "SELECT " + JournalConnection.COLS
                        + " FROM offline_record WHERE asn = ? AND state = 'PENDING' ORDER BY id",
                asn);
    }

    /**
     * What this card's events of these types at this terminal on this date add up to, VOID ones not counted (PENDING
     * ones are: they may have been debited). One SUM in the database, however many rows the day holds.
     */
    long amountOf(String asn, String terminalId, String transactionDate, String... recordTypes) {
        if (recordTypes.length == 0) {
            throw new IllegalArgumentException("record types: at least one is needed to sum the journal's amounts");
        }
        Object[] args = new Object[3 + recordTypes.length];
        args[0] = asn;
        args[1] = terminalId;
        args[2] = transactionDate;
        System.arraycopy(recordTypes, 0, args, 3, recordTypes.length);
        return c.sum(
                "SELECT COALESCE(SUM(amount), 0) FROM offline_record WHERE asn = ? AND terminal_id = ?"
                        + " AND transaction_date = ? AND state <> 'VOID' AND record_type IN ("
                        + String.join(", ", java.util.Collections.nCopies(recordTypes.length, "?")) + ")",
                args);
    }

    /** The records of this card at this terminal on this date, oldest first. */
    List<JournalEntry> recordsOf(String asn, String terminalId, String transactionDate) {
        return c.query(
                "SELECT " + JournalConnection.COLS + " FROM offline_record WHERE asn = ? AND terminal_id = ?"
                        + " AND transaction_date = ? ORDER BY id",
                asn,
                terminalId,
                transactionDate);
    }

    /** True when a record of this type exists for the card (any state). */
    boolean hasRecord(String asn, String recordType) {
        return !c.query(
                        "SELECT " + JournalConnection.COLS + " FROM offline_record WHERE asn = ? AND record_type = ?"
                                + " FETCH FIRST 1 ROWS ONLY",
                        asn,
                        recordType)
                .isEmpty();
    }

    Optional<JournalEntry> find(long id) {
        List<JournalEntry> r = c.query("SELECT " + JournalConnection.COLS + " FROM offline_record WHERE id = ?", id);
        return r.stream().findFirst();
    }

    /** The newest {@code limit} records, newest first. */
    List<JournalEntry> latest(int limit) {
        return c.query("SELECT " + JournalConnection.COLS + " FROM offline_record ORDER BY id DESC FETCH FIRST " + limit
                + " ROWS ONLY");
    }

    /** Every record, oldest first. */
    List<JournalEntry> all() {
        return c.query("SELECT " + JournalConnection.COLS + " FROM offline_record ORDER BY id");
    }

    /** The terminal IDs this journal has recorded money events for (records and loads), in order. */
    List<String> terminals() {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.conn.prepareStatement("SELECT terminal_id FROM offline_record"
                        + " UNION SELECT terminal_id FROM load_event ORDER BY 1");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            c.conn.commit();
            return out;
        } catch (SQLException e) {
            throw c.fail("list the journal's terminals", e);
        }
    }

    /** Records complete but not yet on the server (assigned or not). */
    int awaitingUpload() {
        return c.count("SELECT COUNT(*) FROM offline_record WHERE state = 'COMPLETE' AND result IS NULL");
    }

    /** Purchases still waiting for their card to be tapped again (answer lost). */
    int pendingCount() {
        return c.count("SELECT COUNT(*) FROM offline_record WHERE state = 'PENDING'");
    }
}
