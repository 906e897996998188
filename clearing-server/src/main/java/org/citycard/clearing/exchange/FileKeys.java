package org.citycard.clearing.exchange;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.clearing.support.Checks;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.crypto.KeyStoreKeySet;
import org.citycard.dictionary.exchange.FileMac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The departments' exchange-file keys (issue 15): each department's own random 32-byte HMAC-SHA256 key, made here
 * and handed once to the operator for the department; kept in the database only as 3DES-ECB under the server's
 * local master key (LMK of the key set {@code citycard.keys.source}), as the terminals' keys are kept. The clear key
 * leaves only through {@link #issue} (to the operator) and {@link #key} (to the MAC check); its check value is what
 * operators compare.
 */
@Service
public class FileKeys {
    private static final Logger log = LoggerFactory.getLogger(FileKeys.class);
    private static final CardCrypto CRYPTO = CardCrypto.tdes();

    private final JdbcClient jdbc;
    private final CityCardProperties properties;
    private final Clock clock;
    private volatile byte[] lmk;

    FileKeys(JdbcClient jdbc, CityCardProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A key issued now: its value goes to the department (once), its check value to both sides. */
    public record Issued(String party, String key, String checkValue, Instant issuedAt) {
        /** The key's bytes (for the department's tooling and tests). */
        public byte[] keyBytes() {
            return Hex.parse("key", key);
        }

        @Override
        public String toString() {
            return "Issued[" + party + ", check value " + checkValue + "]";
        }
    }

    /** A key on record, without its value. */
    public record OnRecord(String party, String checkValue, Instant issuedAt) {}

    /** Makes a new key for {@code party}, replacing its old one (files MAC'd with that are refused from now on). */
    public Issued issue(String party) {
        Checks.element("party", "party_code", party);
        byte[] key = FileMac.newKey();
        try {
            String underLmk = Hex.of(CRYPTO.encryptEcb(lmk(), key));
            String check = FileMac.checkValue(key);
            Instant now = clock.instant();
            int n = jdbc.sql("UPDATE exchange_file_key SET key_under_lmk = ?, check_value = ?, issued_at = ?"
                            + " WHERE party = ?")
                    .params(underLmk, check, Timestamp.from(now), party)
                    .update();
            if (n == 0) {
                jdbc.sql("INSERT INTO exchange_file_key (party, key_under_lmk, check_value, issued_at)"
                                + " VALUES (?, ?, ?, ?)")
                        .params(party, underLmk, check, Timestamp.from(now))
                        .update();
            }
            log.info("exchange: new exchange-file key for {}, check value {}", party, check);
            return new Issued(party, Hex.of(key), check, now);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The clear key of {@code party}, for the MAC check only; empty when none was issued. */
    Optional<byte[]> key(String party) {
        return jdbc.sql("SELECT key_under_lmk FROM exchange_file_key WHERE party = ?")
                .param(party)
                .query(String.class)
                .optional()
                .map(underLmk -> CRYPTO.decryptEcb(lmk(), Hex.parse("key_under_lmk", underLmk.strip())));
    }

    public List<OnRecord> keys() {
        return jdbc.sql("SELECT party, check_value, issued_at FROM exchange_file_key ORDER BY party")
                .query((rs, i) -> new OnRecord(
                        rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** The LMK of the server's key set, opened as the server's key configuration opens it. */
    private byte[] lmk() {
        byte[] k = lmk;
        if (k == null) {
            CityCardProperties.Keys keys = properties.keys();
            KeySet set;
            if ("demo".equals(keys.source())) {
                set = KeySet.demo();
            } else {
                String password = keys.source() == null ? null : System.getenv(keys.passwordEnv());
                if (password == null) {
                    throw new IllegalStateException("exchange-file keys are kept under the LMK of key store "
                            + keys.source() + ", whose password is expected in " + keys.passwordEnv()
                            + ", which is not set");
                }
                set = KeyStoreKeySet.open(Path.of(keys.source()), password.toCharArray());
            }
            if (!set.has("LMK")) {
                throw new IllegalStateException("key set " + set.name() + " has no LMK: exchange-file keys are kept"
                        + " under it (add one to the key store, alias lmk)");
            }
            k = set.key("LMK");
            lmk = k;
        }
        return k;
    }
}
