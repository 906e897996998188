package org.citycard.agent.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The 0500 side of the journal: a business date's totals, the dates still to reconcile, and the host's answers. */
final class Reconciliations {
    private final JournalConnection c;

    Reconciliations(JournalConnection c) {
        this.c = c;
    }

    Journal.Totals totals(String businessDate) {
        try {
            long[] debits = c.sums(
                    "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM offline_record"
                            + " WHERE state = 'COMPLETE' AND record_type IN ('06', '09') AND transaction_date = ?",
                    businessDate);
            long[] credits = c.sums(
                    "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM load_event"
                            + " WHERE state IN ('CREDITED', 'COMPLETED') AND req_date = ?",
                    businessDate);
            c.conn.commit();
            return new Journal.Totals(credits[0], credits[1], debits[0], debits[1]);
        } catch (SQLException e) {
            throw c.fail("total business date " + businessDate, e);
        }
    }

    /** Business dates with money events whose reconciliation is not yet agreed, oldest first. */
    List<String> datesToReconcile() {
        List<String> out = new ArrayList<>();
        String sql = "SELECT d FROM (SELECT transaction_date AS d FROM offline_record WHERE state = 'COMPLETE'"
                + " UNION SELECT req_date AS d FROM load_event WHERE state IN ('CREDITED', 'COMPLETED')) t"
                + " WHERE d IS NOT NULL AND d NOT IN (SELECT business_date FROM reconciliation"
                + ") ORDER BY d";
        try (PreparedStatement ps = c.conn.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            c.conn.commit();
            return out;
        } catch (SQLException e) {
            throw c.fail("list the dates to reconcile", e);
        }
    }

    /** Keeps the host's answer to a 0500; 00 closes the date until new events arrive on it. */
    void reconciled(String businessDate, String responseCode) {
        c.reconciliationsChanged();
        try {
            c.update0("DELETE FROM reconciliation WHERE business_date = ?", businessDate);
            c.update0(
                    "INSERT INTO reconciliation (business_date, response_code, answered) VALUES (?, ?, ?)",
                    businessDate,
                    responseCode,
                    new Timestamp(System.currentTimeMillis()));
            c.conn.commit();
        } catch (SQLException e) {
            c.rollbackQuietly();
            throw c.fail("record the reconciliation of " + businessDate, e);
        }
    }
}
