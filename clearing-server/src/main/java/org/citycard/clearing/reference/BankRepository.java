package org.citycard.clearing.reference;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The banks the clearing centre pays through. */
@Repository
public class BankRepository {
    private final JdbcClient jdbc;

    public BankRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Bank> banks() {
        return jdbc.sql("SELECT * FROM bank ORDER BY bank_code")
                .query(BankRepository::bank)
                .list();
    }

    public Optional<Bank> bank(String bankCode) {
        return jdbc.sql("SELECT * FROM bank WHERE bank_code = ?")
                .param(bankCode)
                .query(BankRepository::bank)
                .optional();
    }

    public void insert(Bank b, Instant now) {
        jdbc.sql("INSERT INTO bank (bank_code, name, bic, settlement_account, settlement_account_name,"
                        + " manifest_signatures, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        b.bankCode(),
                        b.name(),
                        b.bic(),
                        b.settlementAccount(),
                        b.settlementAccountName(),
                        b.manifestSignatures(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    public boolean update(Bank b, Instant now) {
        return jdbc.sql("UPDATE bank SET name = ?, bic = ?, settlement_account = ?, settlement_account_name = ?,"
                                + " manifest_signatures = ?, updated_at = ? WHERE bank_code = ?")
                        .params(
                                b.name(),
                                b.bic(),
                                b.settlementAccount(),
                                b.settlementAccountName(),
                                b.manifestSignatures(),
                                Timestamp.from(now),
                                b.bankCode())
                        .update()
                == 1;
    }

    private static Bank bank(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Bank(
                rs.getString("bank_code"),
                rs.getString("name"),
                rs.getString("bic"),
                rs.getString("settlement_account"),
                rs.getString("settlement_account_name"),
                rs.getString("manifest_signatures"));
    }
}
