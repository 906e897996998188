package db.migration.common;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * One name per field across modules (issue 13): the transaction's date and time are {@code transaction_date} and
 * {@code transaction_time}, the dictionary's element names, in every table (they were {@code txn_date} and
 * {@code txn_time} here and {@code tx_date}/{@code tx_time} in the agent's journal). A Java migration because the
 * two databases rename a column differently: Derby {@code RENAME COLUMN t.a TO b}, PostgreSQL
 * {@code ALTER TABLE t RENAME COLUMN a TO b}. Indexes on the columns follow them on both.
 */
public class V3_29__Transaction_date_names extends BaseJavaMigration {
    private static final String[] TABLES = {"purchase", "quarantine", "card_event"};

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean derby = c.getMetaData()
                .getDatabaseProductName()
                .toLowerCase(java.util.Locale.ROOT)
                .contains("derby");
        try (Statement s = c.createStatement()) {
            for (String table : TABLES) {
                for (String[] rename :
                        new String[][] {{"txn_date", "transaction_date"}, {"txn_time", "transaction_time"}}) {
                    s.execute(
                            derby
                                    ? "RENAME COLUMN " + table + "." + rename[0] + " TO " + rename[1]
                                    : "ALTER TABLE " + table + " RENAME COLUMN " + rename[0] + " TO " + rename[1]);
                }
            }
        }
    }
}
