package org.citycard.clearing.api;

import java.util.ArrayList;
import java.util.List;
import org.citycard.clearing.load.LoadRepository;
import org.citycard.clearing.load.LoadTxn;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.CardCrypto;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Read models of the transactions for staff: every purchase and load with the inputs of its TAC, so a dispute can
 * re-verify it with the card's DTK (tacInput is exactly the MACed bytes, in hex).
 */
@Service
class TransactionQueries {
    private final JdbcTemplate jdbc;
    private final LoadRepository loads;
    private final org.citycard.clearing.ingest.PurchaseRepository purchaseRows;

    TransactionQueries(
            JdbcTemplate jdbc, LoadRepository loads, org.citycard.clearing.ingest.PurchaseRepository purchaseRows) {
        this.jdbc = jdbc;
        this.loads = loads;
        this.purchaseRows = purchaseRows;
    }

    record PurchaseView(
            long id,
            String asn,
            int offlineSeq,
            String recordType,
            long balanceBefore,
            long balanceAfter,
            long amount,
            long fee,
            long net,
            String terminalId,
            long ttsn,
            String transactionDate,
            String transactionTime,
            String tac,
            int keyVersion,
            int algorithmId,
            String tacInput,
            String departmentCode,
            String payeeReference,
            String businessDate,
            String batch,
            long journalId) {}

    record LoadView(
            String terminalId,
            String stan,
            String asn,
            String processingCode,
            long amount,
            long balanceBefore,
            long newBalance,
            int onlineSeq,
            String hostDate,
            String hostTime,
            String tac,
            String tacInput,
            String status,
            String responseCode,
            String rrn,
            String departmentCode,
            String businessDate) {}

    /**
     * Purchases by any of business date, department, card, terminal (each may be null), in id order. A card's are
     * read along its chain (the purchase table keeps no card index, migration V3_37), the other filters applied to
     * them.
     */
    List<PurchaseView> purchases(
            String businessDate, String department, String asn, String terminal, int offset, int limit) {
        if (asn != null) {
            return purchaseRows.ofCard(asn, TransactionQueries::purchaseView).stream()
                    .filter(p -> businessDate == null || businessDate.equals(p.businessDate()))
                    .filter(p -> department == null || department.equals(p.departmentCode()))
                    .filter(p -> terminal == null || terminal.equals(p.terminalId()))
                    .sorted(java.util.Comparator.comparingLong(PurchaseView::id))
                    .skip(Math.max(0, offset))
                    .limit(Math.max(0, limit))
                    .toList();
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM purchase WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, "business_date", businessDate);
        where(sql, args, "department_code", department);
        where(sql, args, "terminal_id", terminal);
        sql.append(" ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        args.add(offset);
        args.add(limit);
        return jdbc.query(sql.toString(), TransactionQueries::purchaseView, args.toArray());
    }

    private static PurchaseView purchaseView(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        String type = rs.getString("record_type");
        long amount = rs.getLong("amount");
        String terminalId = rs.getString("terminal_id");
        long ttsn = rs.getLong("ttsn");
        String date = rs.getString("transaction_date");
        String time = rs.getString("transaction_time");
        byte[] input = CardCrypto.concat(
                Amounts.toBytes(amount, 4),
                Hex.parse("record_type", type),
                Bcd.encode(terminalId, 6),
                Amounts.toBytes(ttsn, 4),
                Bcd.encode(date, 4),
                Bcd.encode(time, 3));
        return new PurchaseView(
                rs.getLong("id"),
                rs.getString("asn"),
                rs.getInt("offline_seq"),
                type,
                rs.getLong("balance_before"),
                rs.getLong("balance_before") - amount,
                amount,
                rs.getLong("fee"),
                amount - rs.getLong("fee"),
                terminalId,
                ttsn,
                date,
                time,
                rs.getString("tac"),
                rs.getInt("key_version"),
                rs.getInt("algorithm_id"),
                Hex.of(input),
                rs.getString("department_code"),
                rs.getString("payee_reference").strip(),
                rs.getString("business_date"),
                rs.getString("batch_terminal") + "/" + rs.getString("batch_number"),
                rs.getLong("journal_id"));
    }

    List<LoadView> loadsOfCard(String asn, int limit) {
        return loads.byCard(asn, limit).stream().map(TransactionQueries::view).toList();
    }

    List<LoadView> loadsOfDay(String businessDate, String department, int offset, int limit) {
        return loads.byDay(businessDate, department, offset, limit).stream()
                .map(TransactionQueries::view)
                .toList();
    }

    static LoadView view(LoadTxn t) {
        String input = null;
        if (t.hostDate() != null) {
            input = Hex.of(CardCrypto.concat(
                    Amounts.toBytes(t.newBalance(), 4),
                    Amounts.toBytes(t.onlineSeq(), 2),
                    Amounts.toBytes(t.amount(), 4),
                    new byte[] {0x02},
                    Bcd.encode(t.terminalId(), 6),
                    Bcd.encode(t.hostDate(), 4),
                    Bcd.encode(t.hostTime(), 3)));
        }
        return new LoadView(
                t.terminalId(),
                t.stan(),
                t.asn(),
                t.processingCode(),
                t.amount(),
                t.balanceBefore(),
                t.newBalance(),
                t.onlineSeq(),
                t.hostDate(),
                t.hostTime(),
                t.tac(),
                input,
                t.status(),
                t.responseCode(),
                t.rrn(),
                t.departmentCode(),
                t.businessDate());
    }

    private static void where(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }
}
