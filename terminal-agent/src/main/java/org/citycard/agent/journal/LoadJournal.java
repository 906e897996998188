package org.citycard.agent.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citycard.agent.journal.LoadEvent.State;

/** The online loads of the journal and their state machine (see {@link LoadEvent}). Shares the journal's lock. */
public final class LoadJournal {
    private static final String COLS = "id, state, asn, online_seq, amount, balance_before, terminal_id,"
            + " department, stan, req_date, req_time, init_data, mac2, host_date, host_time, rrn, response_code, tac";
    private final Journal j;

    /**
     * The cards with a load whose credit is uncertain (UNCERTAIN or AUTHORISED), read once and read again after
     * any write of a load (or a rollback): a tap of any other card asks the database nothing. Null until read.
     */
    private java.util.Set<String> uncertainCards;

    LoadJournal(Journal journal) {
        this.j = journal;
    }

    /** Forgets the cards kept in memory (after a write of a load or a rollback). */
    void forget() {
        uncertainCards = null;
        j.reconciliationsChanged();
    }

    /** Journals a load about to be authorised, with a fresh STAN, in one transaction; before the 0100 leaves. */
    public LoadEvent begin(
            String asn,
            int onlineSeq,
            long amount,
            long balanceBefore,
            String terminalId,
            String department,
            String date,
            String time,
            String initDataHex) {
        synchronized (j) {
            forget();
            try {
                int stan = (int) Counters.next(j.conn, "stan", 999_999);
                long id;
                try (PreparedStatement ps = j.conn.prepareStatement(
                        "INSERT INTO load_event (state, asn, online_seq,"
                                + " amount, balance_before, terminal_id, department, stan, req_date, req_time, init_data,"
                                + " created) VALUES ('REQUESTED',?,?,?,?,?,?,?,?,?,?,?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    Journal.bind(
                            ps,
                            asn,
                            onlineSeq,
                            amount,
                            balanceBefore,
                            terminalId,
                            department,
                            stan,
                            date,
                            time,
                            initDataHex,
                            new Timestamp(System.currentTimeMillis()));
                    ps.executeUpdate();
                    try (ResultSet k = ps.getGeneratedKeys()) {
                        k.next();
                        id = k.getLong(1);
                    }
                }
                j.conn.commit();
                return find(id).orElseThrow();
            } catch (SQLException e) {
                throw j.fail("journal a load of card " + Journal.mask(asn), e);
            }
        }
    }

    /** The host approved: its MAC2 and date/time are kept before CREDIT FOR LOAD is sent. */
    public void authorised(long id, String mac2, String hostDate, String hostTime, String rrn) {
        move(
                id,
                State.AUTHORISED,
                "mac2 = ?, host_date = ?, host_time = ?, rrn = ?, response_code = '00'",
                mac2,
                hostDate,
                hostTime,
                rrn);
    }

    public void declined(long id, String responseCode) {
        move(id, State.DECLINED, "response_code = ?", responseCode);
    }

    /** The card took the load: its TAC is kept; the completion advice is owed. */
    public void credited(long id, String tac) {
        synchronized (j) {
            move(id, State.CREDITED, "tac = ?", tac);
        }
    }

    /** CREDIT FOR LOAD was sent and its answer lost: to be proven on the card's next tap. */
    public void uncertain(long id) {
        move(id, State.UNCERTAIN, null);
    }

    /** The card provably did not take the load: a reversal is owed. */
    public void reversalDue(long id) {
        move(id, State.REVERSAL_DUE, null);
    }

    public void completed(long id) {
        move(id, State.COMPLETED, null);
    }

    public void reversed(long id) {
        move(id, State.REVERSED, null);
    }

    private void move(long id, State to, String set, Object... args) {
        synchronized (j) {
            forget();
            try {
                String sql = "UPDATE load_event SET state = ?" + (set == null ? "" : ", " + set) + " WHERE id = ?";
                Object[] all = new Object[args.length + 2];
                all[0] = to.name();
                System.arraycopy(args, 0, all, 1, args.length);
                all[all.length - 1] = id;
                j.update0(sql, all);
                if (to == State.CREDITED) {
                    j.update0(
                            "DELETE FROM reconciliation WHERE business_date ="
                                    + " (SELECT req_date FROM load_event WHERE id = ?)",
                            id);
                }
                j.conn.commit();
            } catch (SQLException e) {
                throw j.fail("move load " + id + " to " + to, e);
            }
        }
    }

    /**
     * After a restart: a load still REQUESTED never reached CREDIT, so it is reversed; one AUTHORISED may have
     * reached the card, so it waits for the card's proof like a lost answer. Returns how many moved.
     */
    public int recoverAfterRestart() {
        synchronized (j) {
            forget();
            try {
                int n = 0;
                try (Statement s = j.conn.createStatement()) {
                    n += s.executeUpdate("UPDATE load_event SET state = 'REVERSAL_DUE' WHERE state = 'REQUESTED'");
                    n += s.executeUpdate("UPDATE load_event SET state = 'UNCERTAIN' WHERE state = 'AUTHORISED'");
                }
                j.conn.commit();
                return n;
            } catch (SQLException e) {
                throw j.fail("recover the loads after a restart", e);
            }
        }
    }

    public Optional<LoadEvent> find(long id) {
        return list("WHERE id = ?", id).stream().findFirst();
    }

    /** Loads of this card whose CREDIT answer was lost (or whose agent died after the authorisation). */
    public List<LoadEvent> uncertainFor(String asn) {
        synchronized (j) {
            if (uncertainCards == null) {
                java.util.Set<String> cards = new java.util.HashSet<>();
                try (PreparedStatement ps = j.conn.prepareStatement(
                                "SELECT DISTINCT asn FROM load_event WHERE state IN ('UNCERTAIN', 'AUTHORISED')");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        cards.add(rs.getString(1));
                    }
                } catch (SQLException e) {
                    throw j.fail("read the loads", e);
                }
                uncertainCards = cards;
            }
            if (!uncertainCards.contains(asn)) {
                return List.of(); // no query, no commit
            }
        }
        return list("WHERE asn = ? AND state IN ('UNCERTAIN', 'AUTHORISED') ORDER BY id", asn);
    }

    public List<LoadEvent> inState(State state) {
        return list("WHERE state = ? ORDER BY id", state.name());
    }

    public List<LoadEvent> latest(int limit) {
        return list("ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY");
    }

    public List<LoadEvent> all() {
        return list("ORDER BY id");
    }

    private List<LoadEvent> list(String where, Object... args) {
        synchronized (j) {
            List<LoadEvent> out = new ArrayList<>();
            try (PreparedStatement ps = j.conn.prepareStatement("SELECT " + COLS + " FROM load_event " + where)) {
                Journal.bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LoadEvent(
                                rs.getLong(1),
                                State.valueOf(rs.getString(2)),
                                rs.getString(3),
                                rs.getInt(4),
                                rs.getLong(5),
                                rs.getLong(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getInt(9),
                                rs.getString(10),
                                rs.getString(11),
                                rs.getString(12),
                                rs.getString(13),
                                rs.getString(14),
                                rs.getString(15),
                                rs.getString(16),
                                rs.getString(17),
                                rs.getString(18)));
                    }
                }
                j.conn.commit();
                return out;
            } catch (SQLException e) {
                throw j.fail("read the loads", e);
            }
        }
    }
}
