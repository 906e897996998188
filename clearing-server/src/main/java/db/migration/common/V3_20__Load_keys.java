package db.migration.common;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The two keys of a load (issue 14, DESIGN §3.8): (terminal, STAN, local date) — so a terminal's STAN, which wraps
 * at 999999, names a new load on a later day — and (card, online counter) for every load the card may still take or
 * took (AUTHORISED or COMPLETED; {@code live_seq} is null for a declined or reversed one, whose counter the card
 * offers again). A Java migration because the primary key's name differs between Derby (generated) and PostgreSQL
 * ({@code load_txn_pkey}): it is read from the database's metadata. Everything else is SQL both databases run.
 */
public class V3_20__Load_keys extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE load_txn ADD COLUMN live_seq INTEGER");
            // loads approved before this version: the first one on each (card, counter) holds it, any later one
            // (the replays this version refuses) does not
            s.execute("UPDATE load_txn SET live_seq = online_seq WHERE status IN ('AUTHORISED', 'COMPLETED')"
                    + " AND NOT EXISTS (SELECT 1 FROM load_txn o WHERE o.asn = load_txn.asn"
                    + " AND o.online_seq = load_txn.online_seq AND o.status IN ('AUTHORISED', 'COMPLETED')"
                    + " AND (o.created_at < load_txn.created_at OR (o.created_at = load_txn.created_at"
                    + " AND (o.terminal_id < load_txn.terminal_id OR (o.terminal_id = load_txn.terminal_id"
                    + " AND o.stan < load_txn.stan)))))");
            s.execute("ALTER TABLE load_txn DROP CONSTRAINT " + primaryKeyName(c));
            s.execute("ALTER TABLE load_txn ADD CONSTRAINT load_txn_key PRIMARY KEY (terminal_id, stan, local_date)");
            // a unique constraint (not a unique index): rows whose live_seq is null never collide, on both databases
            s.execute("ALTER TABLE load_txn ADD CONSTRAINT load_card_counter UNIQUE (asn, live_seq)");
        }
    }

    private static String primaryKeyName(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String table : new String[] {"LOAD_TXN", "load_txn"}) {
            try (ResultSet rs = meta.getPrimaryKeys(null, c.getSchema(), table)) {
                String name = rs.next() ? rs.getString("PK_NAME") : null;
                if (name != null) {
                    return "\"" + name + "\""; // quoted: the name exactly as the database keeps it
                }
            }
        }
        throw new IllegalStateException("table load_txn has no primary key in schema " + c.getSchema());
    }
}
