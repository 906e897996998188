package org.citycard.clearing.reference;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.citycard.clearing.support.BoundedCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Departments, terminals, cards and their shadow accounts in the database. */
@Repository
public class ReferenceRepository {
    static final long TERMINAL_TTL_NANOS = 5_000_000_000L;
    /** Registered terminals held at most (a city has thousands). */
    static final int KNOWN_TERMINALS = 100_000;
    /** IDs found unregistered held at most: random IDs churn only this cache, never the registered terminals'. */
    static final int UNKNOWN_TERMINALS = 10_000;

    private final JdbcClient jdbc;
    private final BoundedCache<String, Terminal> knownTerminals;
    private final BoundedCache<String, Boolean> unknownTerminals;

    @org.springframework.beans.factory.annotation.Autowired
    public ReferenceRepository(JdbcClient jdbc) {
        this(jdbc, KNOWN_TERMINALS, UNKNOWN_TERMINALS);
    }

    ReferenceRepository(JdbcClient jdbc, int knownTerminals, int unknownTerminals) {
        this.jdbc = jdbc;
        this.knownTerminals = new BoundedCache<>(knownTerminals, TERMINAL_TTL_NANOS);
        this.unknownTerminals = new BoundedCache<>(unknownTerminals, TERMINAL_TTL_NANOS);
    }

    /** Terminal lookups cached now, registered and unregistered (bounded whatever IDs are asked for). */
    public int cachedTerminals() {
        return knownTerminals.size() + unknownTerminals.size();
    }

    // ------------------------------------------------------------------ departments

    public List<Department> departments() {
        return jdbc.sql("SELECT * FROM department ORDER BY code")
                .query(ReferenceRepository::department)
                .list();
    }

    public Optional<Department> department(String code) {
        return jdbc.sql("SELECT * FROM department WHERE code = ?")
                .param(code)
                .query(ReferenceRepository::department)
                .optional();
    }

    public void insert(Department d, Instant now) {
        jdbc.sql("INSERT INTO department (code, name, category, bank_code, account_number, account_name, fee_rate_bp,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        d.code(),
                        d.name(),
                        d.category(),
                        d.bankCode(),
                        d.accountNumber(),
                        d.accountName(),
                        d.feeRateBp(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    public boolean update(Department d, Instant now) {
        return jdbc.sql("UPDATE department SET name = ?, category = ?, bank_code = ?, account_number = ?,"
                                + " account_name = ?, fee_rate_bp = ?, updated_at = ? WHERE code = ?")
                        .params(
                                d.name(),
                                d.category(),
                                d.bankCode(),
                                d.accountNumber(),
                                d.accountName(),
                                d.feeRateBp(),
                                Timestamp.from(now),
                                d.code())
                        .update()
                == 1;
    }

    private static Department department(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Department(
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("category"),
                rs.getString("bank_code"),
                rs.getString("account_number"),
                rs.getString("account_name"),
                rs.getInt("fee_rate_bp"));
    }

    // ------------------------------------------------------------------ terminals

    public List<Terminal> terminals() {
        return jdbc.sql("SELECT * FROM terminal ORDER BY terminal_id")
                .query(ReferenceRepository::terminal)
                .list();
    }

    /**
     * A terminal, from a cache of a few seconds: every ISO 8583 message looks its terminal up. Changes made through
     * this repository are seen at once; those of another server instance within {@link #TERMINAL_TTL_NANOS}. The
     * caches are bounded ({@link #KNOWN_TERMINALS}, {@link #UNKNOWN_TERMINALS}), whatever IDs are asked for.
     */
    public Optional<Terminal> terminal(String terminalId) {
        Terminal known = knownTerminals.peek(terminalId);
        if (known != null) {
            return Optional.of(known);
        }
        if (unknownTerminals.peek(terminalId) != null) {
            return Optional.empty();
        }
        Optional<Terminal> t = loadTerminal(terminalId);
        if (t.isPresent()) {
            knownTerminals.put(terminalId, t.get());
        } else {
            unknownTerminals.put(terminalId, Boolean.TRUE);
        }
        return t;
    }

    private void forget(String terminalId) {
        knownTerminals.remove(terminalId);
        unknownTerminals.remove(terminalId);
    }

    private Optional<Terminal> loadTerminal(String terminalId) {
        return jdbc.sql("SELECT * FROM terminal WHERE terminal_id = ?")
                .param(terminalId)
                .query(ReferenceRepository::terminal)
                .optional();
    }

    public void insert(Terminal t, Instant now) {
        forget(t.terminalId());
        jdbc.sql("INSERT INTO terminal (terminal_id, department_code, psam_serial, active, terminal_type,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        t.terminalId(),
                        t.departmentCode(),
                        t.psamSerial(),
                        t.active(),
                        t.terminalType(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    public boolean update(Terminal t, Instant now) {
        forget(t.terminalId());
        return jdbc.sql("UPDATE terminal SET department_code = ?, psam_serial = ?, active = ?, terminal_type = ?,"
                                + " updated_at = ? WHERE terminal_id = ?")
                        .params(
                                t.departmentCode(),
                                t.psamSerial(),
                                t.active(),
                                t.terminalType(),
                                Timestamp.from(now),
                                t.terminalId())
                        .update()
                == 1;
    }

    public void signedOn(String terminalId, Instant now) {
        jdbc.sql("UPDATE terminal SET signed_on_at = ? WHERE terminal_id = ?")
                .params(Timestamp.from(now), terminalId)
                .update();
    }

    private static Terminal terminal(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Terminal(
                rs.getString("terminal_id"),
                rs.getString("department_code"),
                rs.getString("psam_serial"),
                rs.getBoolean("active"),
                rs.getString("terminal_type"));
    }

    // ------------------------------------------------------------------ cards

    public List<Card> cards(int offset, int limit) {
        return jdbc.sql("SELECT * FROM card ORDER BY asn OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .params(offset, limit)
                .query(ReferenceRepository::card)
                .list();
    }

    public Optional<Card> card(String asn) {
        return jdbc.sql("SELECT * FROM card WHERE asn = ?")
                .param(asn)
                .query(ReferenceRepository::card)
                .optional();
    }

    /** A new card and its empty shadow account (balance 0, first offline counter as given). */
    public void insert(Card c, int firstOfflineSeq, Instant now) {
        jdbc.sql("INSERT INTO card (asn, state, expiry_date, algorithm, key_version, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        c.asn(),
                        c.state(),
                        c.expiryDate(),
                        c.algorithm(),
                        c.keyVersion(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        jdbc.sql("INSERT INTO card_account (asn, next_offline_seq, chain_balance, chain_online_seq, purchase_count,"
                        + " held, pending_loads, version, updated_at) VALUES (?, ?, 0, -1, 0, 0, 0, 0, ?)")
                .params(c.asn(), firstOfflineSeq, Timestamp.from(now))
                .update();
    }

    /** Records a card's new key version (issue 22, after a re-key); false for an unknown card. */
    public boolean updateKeyVersion(String asn, int keyVersion, Instant now) {
        return jdbc.sql("UPDATE card SET key_version = ?, updated_at = ? WHERE asn = ?")
                        .params(keyVersion, Timestamp.from(now), asn)
                        .update()
                == 1;
    }

    /** The key version the registry holds for a card; empty for an unknown card. */
    public Optional<Integer> keyVersion(String asn) {
        return jdbc.sql("SELECT key_version FROM card WHERE asn = ?")
                .param(asn)
                .query(Integer.class)
                .optional();
    }

    public boolean updateState(String asn, String state, Instant now) {
        return jdbc.sql("UPDATE card SET state = ?, updated_at = ? WHERE asn = ?")
                        .params(state, Timestamp.from(now), asn)
                        .update()
                == 1;
    }

    public Optional<CardAccount> account(String asn) {
        return jdbc.sql("SELECT * FROM card_account WHERE asn = ?")
                .param(asn)
                .query((rs, i) -> new CardAccount(
                        rs.getString("asn"),
                        rs.getInt("next_offline_seq"),
                        rs.getLong("chain_balance"),
                        rs.getInt("chain_online_seq"),
                        rs.getLong("purchase_count"),
                        rs.getInt("held"),
                        rs.getInt("pending_loads")))
                .optional();
    }

    public void setHolder(String asn, String holderId) {
        jdbc.sql("UPDATE card SET holder_id = ? WHERE asn = ?")
                .params(holderId, asn)
                .update();
    }

    public Optional<String> holderOf(String asn) {
        return jdbc.sql("SELECT holder_id FROM card WHERE asn = ? AND holder_id IS NOT NULL")
                .param(asn)
                .query(String.class)
                .optional();
    }

    public List<Card> cardsOfHolder(String holderId) {
        return jdbc.sql("SELECT * FROM card WHERE holder_id = ? ORDER BY created_at DESC, asn DESC")
                .param(holderId)
                .query(ReferenceRepository::card)
                .list();
    }

    /** A {@code card} row (asn, state, expiry_date, algorithm, key_version) as a {@link Card}. */
    public static Card card(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Card(
                rs.getString("asn"),
                rs.getString("state"),
                rs.getString("expiry_date"),
                rs.getString("algorithm"),
                rs.getInt("key_version"));
    }
}
