package org.citycard.issuance.perso;

import java.sql.Connection;
import java.sql.SQLException;
import org.citycard.dictionary.Dictionary;
import org.citycard.issuance.store.Database;

/**
 * Allocates card identities from counters in the database, inside the caller's transaction, so a number is never
 * given twice. The ASN is 20 digits: the issuer prefix — the first four bytes of the issuer ID ({@code issuer_id},
 * 3100000000000001 → 31000000) — and a 12-digit serial, so that the demo card of CARD-SPEC §6,
 * 31000000000000012345, is serial 12345 of the demo issuer. The social-security card number (EF05 07, 9 characters)
 * is {@code C} and an 8-digit serial.
 */
public final class Numbering {
    static final String CARD_NUMBER_COUNTER = "card_number";
    private static final int SERIAL_DIGITS = 12;

    private final String asnPrefix;

    public Numbering(Dictionary dict) {
        this.asnPrefix = dict.parameter("issuer_id").value().substring(0, 20 - SERIAL_DIGITS);
        if (!asnPrefix.matches("\\d{" + (20 - SERIAL_DIGITS) + "}")) {
            throw new IllegalStateException("the issuer ID's first four bytes (" + asnPrefix
                    + ") are not decimal digits, so" + " they cannot prefix a BCD ASN");
        }
    }

    public String asnPrefix() {
        return asnPrefix;
    }

    public String nextAsn(Connection c) throws SQLException {
        long serial = next(c, asnPrefix);
        if (serial >= (long) Math.pow(10, SERIAL_DIGITS)) {
            throw new IllegalStateException("the ASN serials under prefix " + asnPrefix + " are used up");
        }
        return asnPrefix + String.format("%0" + SERIAL_DIGITS + "d", serial);
    }

    public String nextCardNumber(Connection c) throws SQLException {
        long serial = next(c, CARD_NUMBER_COUNTER);
        if (serial > 99_999_999L) {
            throw new IllegalStateException("the card numbers are used up");
        }
        return "C" + String.format("%08d", serial);
    }

    private static long next(Connection c, String counter) throws SQLException {
        long value = Database.first(
                        c, "SELECT next_serial FROM asn_counter WHERE prefix = ?", rs -> rs.getLong(1), counter)
                .orElse(0L);
        if (value == 0) {
            Database.update(c, "INSERT INTO asn_counter (prefix, next_serial) VALUES (?, 2)", counter);
            return 1;
        }
        Database.update(c, "UPDATE asn_counter SET next_serial = ? WHERE prefix = ?", value + 1, counter);
        return value;
    }
}
