package org.citycard.agent.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The free rides of concession cards (agent/purse FareRules): a ride the card's fare rules let through at no charge
 * debits nothing and sends nothing to the clearing centre, so this journal is where a card's free rides of the day
 * are counted. One row a ride, committed before the receipt is shown.
 */
final class FreeRides {
    static final String SCHEMA = "CREATE TABLE free_ride ("
            + " id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, asn CHAR(20) NOT NULL,"
            + " ride_date CHAR(8) NOT NULL, ride_time CHAR(6) NOT NULL, terminal_id CHAR(12) NOT NULL,"
            + " card_type CHAR(1) NOT NULL, full_fare BIGINT NOT NULL, department CHAR(4) NOT NULL,"
            + " created TIMESTAMP NOT NULL)";
    static final String INDEX = "CREATE INDEX free_ride_card ON free_ride (asn, ride_date)";

    private final JournalConnection c;

    FreeRides(JournalConnection c) {
        this.c = c;
    }

    /** Creates the table in a journal made before free rides were journaled. */
    static void ensure(java.sql.Connection conn) throws SQLException {
        if (!conn.getMetaData().getTables(null, null, "FREE_RIDE", null).next()) {
            try (Statement s = conn.createStatement()) {
                s.execute(SCHEMA);
                s.execute(INDEX);
            }
        }
    }

    long record(
            String asn,
            String date,
            String time,
            String terminalId,
            String cardType,
            long fullFare,
            String department) {
        try (PreparedStatement ps = c.conn.prepareStatement(
                "INSERT INTO free_ride (asn, ride_date, ride_time, terminal_id, card_type, full_fare, department,"
                        + " created) VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                Statement.RETURN_GENERATED_KEYS)) {
            JournalConnection.bind(ps, asn, date, time, terminalId, cardType, fullFare, department);
            ps.executeUpdate();
            long id;
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                id = rs.getLong(1);
            }
            c.conn.commit();
            return id;
        } catch (SQLException e) {
            c.rollbackQuietly();
            throw c.fail("journal a free ride of card " + Journal.mask(asn), e);
        }
    }

    int countOn(String asn, String date) {
        try (PreparedStatement ps =
                c.conn.prepareStatement("SELECT COUNT(*) FROM free_ride WHERE asn = ? AND ride_date = ?")) {
            JournalConnection.bind(ps, asn, date);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int n = rs.getInt(1);
                c.conn.commit();
                return n;
            }
        } catch (SQLException e) {
            throw c.fail("count the free rides of card " + Journal.mask(asn), e);
        }
    }
}
