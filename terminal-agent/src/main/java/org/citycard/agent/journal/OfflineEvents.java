package org.citycard.agent.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        return insert(d, OfflineRecord.State.PENDING, null);
    }

    /** Journals an event that is complete as it happens (a hotlist block). */
    long recordComplete(OfflineRecord d, String tacHex) {
        return insert(d, OfflineRecord.State.COMPLETE, tacHex);
    }

    private long insert(OfflineRecord d, OfflineRecord.State state, String tac) {
        String sql = "INSERT INTO offline_record (record_type, state, asn, seq, terminal_id, ttsn, amount,"
                + " balance_before, tx_date, tx_time, tac, key_version, algorithm, department, payee, created)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement ps = c.conn.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, d.recordType());
            ps.setString(2, state.name());
            ps.setString(3, d.asn());
            ps.setInt(4, d.seq());
            ps.setString(5, d.terminalId());
            ps.setLong(6, d.ttsn());
            ps.setLong(7, d.amount());
            ps.setLong(8, d.balanceBefore());
            ps.setString(9, d.date());
            ps.setString(10, d.time());
            ps.setString(11, tac);
            ps.setInt(12, d.keyVersion());
            ps.setInt(13, d.algorithm());
            ps.setString(14, d.department());
            ps.setString(15, d.payee());
            ps.setTimestamp(16, new Timestamp(System.currentTimeMillis()));
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
        setState(id, OfflineRecord.State.COMPLETE, tacHex);
    }

    /** The card proved the event did not happen (GET TRANSACTION PROVE 9406, or a refused debit). */
    void voidRecord(long id) {
        setState(id, OfflineRecord.State.VOID, null);
    }

    private void setState(long id, OfflineRecord.State state, String tac) {
        try (PreparedStatement ps = c.conn.prepareStatement(
                "UPDATE offline_record SET state = ?, tac = ? WHERE id = ? AND state = 'PENDING'")) {
            ps.setString(1, state.name());
            ps.setString(2, tac);
            ps.setLong(3, id);
            if (ps.executeUpdate() != 1) {
                c.conn.rollback();
                throw new JournalException("record " + id + " is not pending; it cannot become " + state);
            }
            if (state == OfflineRecord.State.COMPLETE) {
                c.update0(
                        "DELETE FROM reconciliation WHERE business_date ="
                                + " (SELECT tx_date FROM offline_record WHERE id = ?)",
                        id);
            }
            c.conn.commit();
        } catch (SQLException e) {
            throw c.fail("mark record " + id + " " + state, e);
        }
    }

    /** The events of this card whose answer was lost, oldest first: to be proven on this tap. */
    List<OfflineRecord> pendingFor(String asn) {
        return c.query(
                "SELECT " + JournalConnection.COLS
                        + " FROM offline_record WHERE asn = ? AND state = 'PENDING' ORDER BY id",
                asn);
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

    Optional<OfflineRecord> find(long id) {
        List<OfflineRecord> r = c.query("SELECT " + JournalConnection.COLS + " FROM offline_record WHERE id = ?", id);
        return r.stream().findFirst();
    }

    /** The newest {@code limit} records, newest first. */
    List<OfflineRecord> latest(int limit) {
        return c.query("SELECT " + JournalConnection.COLS + " FROM offline_record ORDER BY id DESC FETCH FIRST " + limit
                + " ROWS ONLY");
    }

    /** Every record, oldest first. */
    List<OfflineRecord> all() {
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
