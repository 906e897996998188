package org.citycard.clearing.exchange;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.citycard.clearing.reference.CardStateChanged;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.settlement.DayClosedEvent;
import org.citycard.clearing.settlement.SettlementRepository;
import org.citycard.clearing.settlement.SettlementRow;
import org.citycard.dictionary.exchange.ReconciliationStatement;
import org.citycard.dictionary.exchange.SettlementNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns the server's events into outbound documents: after a day close every department with a settlement gets its
 * reconciliation statement (every settled purchase with its TAC; the totals are the settlement's) and its
 * settlement notice; a card's life event goes to the subscribing departments once its transaction committed.
 * Statement and notice IDs are the department and the day, so a day closed again sends nothing twice.
 */
@Component
class OutboundEvents {
    private static final Logger log = LoggerFactory.getLogger(OutboundEvents.class);

    private final OutboundPublisher publisher;
    private final SettlementRepository settlements;
    private final ReferenceService reference;
    private final JdbcClient jdbc;
    private final Clock clock;
    /** Threads that make a closed day's documents (default: the machine's cores). */
    private final int statementThreads;

    OutboundEvents(
            OutboundPublisher publisher,
            SettlementRepository settlements,
            ReferenceService reference,
            JdbcClient jdbc,
            Clock clock,
            @org.springframework.beans.factory.annotation.Value("${citycard.exchange.statement-threads:0}")
                    int statementThreads) {
        this.statementThreads =
                statementThreads > 0 ? statementThreads : Runtime.getRuntime().availableProcessors();
        this.publisher = publisher;
        this.settlements = settlements;
        this.reference = reference;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The statements and notices of a closed day. Each department's two documents are made (the statement's
     * purchases read, both documents written, checked and signed) on a pool of as many threads as the machine has
     * cores — a statement grows with the day and was two thirds of a close's time on one thread — while this thread
     * stores and sends them in the settlement's department order, taking each as it is ready; at most {@code
     * threads} departments are made ahead of the one being sent, so a day's statements are never all in memory at
     * once. A document stored before (a day closed again) is not made again.
     */
    @EventListener
    void dayClosed(DayClosedEvent e) {
        List<SettlementRow> rows = settlements.settlements(e.businessDate());
        int threads = Math.max(1, Math.min(statementThreads, rows.size()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "statements-" + e.businessDate());
            t.setDaemon(true);
            return t;
        });
        java.util.ArrayDeque<java.util.concurrent.Future<List<OutboundPublisher.Prepared>>> ahead =
                new java.util.ArrayDeque<>();
        int sent = 0;
        int next = 0;
        try {
            while (next < rows.size() || !ahead.isEmpty()) {
                while (next < rows.size() && ahead.size() < threads + 1) {
                    SettlementRow row = rows.get(next++);
                    ahead.add(pool.submit(() -> documents(row)));
                }
                for (OutboundPublisher.Prepared p : take(ahead.poll())) {
                    if (publisher.publish(p)) {
                        sent++;
                    }
                }
            }
        } catch (RuntimeException ex) {
            // the close stands; the operator sends again (replay) once the cause is fixed
            log.error("exchange: statements of {} not all sent: {}", e.businessDate(), ex.getMessage(), ex);
            return;
        } finally {
            ahead.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
        log.info("exchange: day {} closed: {} statements and settlement notices sent", e.businessDate(), sent);
    }

    /** A department's statement and notice of the day, checked and signed; those stored before are left out. */
    private List<OutboundPublisher.Prepared> documents(SettlementRow row) {
        List<OutboundPublisher.Prepared> out = new java.util.ArrayList<>(2);
        if (!publisher.stored(statementId(row))) {
            out.add(publisher.prepare(statement(row)));
        }
        if (!publisher.stored(noticeId(row))) {
            out.add(publisher.prepare(notice(row)));
        }
        return out;
    }

    private static <T> T take(java.util.concurrent.Future<T> made) {
        try {
            return made.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the statements were made", ex);
        } catch (java.util.concurrent.ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(ex.getCause().toString(), ex.getCause());
        }
    }

    static String statementId(SettlementRow row) {
        return "RS-" + row.departmentCode() + "-" + row.businessDate();
    }

    static String noticeId(SettlementRow row) {
        return "SN-" + row.departmentCode() + "-" + row.businessDate();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void cardChanged(CardStateChanged e) {
        String event = event(e.from(), e.to());
        if (event != null) {
            publisher.cardEvent(e.asn(), event, e.to());
        }
    }

    /** The card-event code of a state change, or null for changes no department is told about. */
    static String event(String from, String to) {
        return switch (to) {
            case "60" -> "70".equals(from) ? "03" : "60".equals(from) ? null : "01";
            case "70" -> "02";
            case "80" -> "04";
            case "90" -> "05";
            default -> null;
        };
    }

    ReconciliationStatement statement(SettlementRow row) {
        Department d = reference.department(row.departmentCode());
        ReconciliationStatement s = new ReconciliationStatement()
                .header(statementId(row), publisher.party(), row.departmentCode(), clock.instant());
        s.businessDate = row.businessDate();
        s.departmentCode = row.departmentCode();
        s.departmentName = d.name();
        s.purchaseCount = row.purchaseCount();
        s.grossAmount = row.gross();
        s.feeRateBp = String.format("%04d", row.feeRateBp());
        s.feeAmount = row.fee();
        s.netAmount = row.net();
        s.purchases = jdbc.sql(
                        "SELECT asn, offline_seq, terminal_id, ttsn, transaction_date, transaction_time, amount, tac,"
                                + " key_version, algorithm_id, payee_reference FROM purchase WHERE business_date = ? AND"
                                + " department_code = ? ORDER BY id")
                .params(row.businessDate(), row.departmentCode())
                .query((rs, i) -> purchase(rs))
                .list();
        return s;
    }

    private static final java.util.HexFormat HEX = java.util.HexFormat.of().withUpperCase();

    /**
     * A settled purchase as the statement gives it, each field in its element's fixed form (hex digits of the
     * record's width, the payee reference space-padded to its AN 20): the form {@link StatementXml} relies on. A
     * stored value that does not fit its width stops the statement, naming the purchase, the column and the value.
     */
    static ReconciliationStatement.Purchase purchase(java.sql.ResultSet rs) throws java.sql.SQLException {
        ReconciliationStatement.Purchase p = new ReconciliationStatement.Purchase();
        p.terminalId = rs.getString("terminal_id").strip();
        long ttsn = rs.getLong("ttsn");
        String at = p.terminalId + "/" + ttsn;
        p.asn = rs.getString("asn").strip();
        p.offlineSeq = hex(at, "offline_seq", rs.getInt("offline_seq"), 2);
        p.ttsn = hex(at, "ttsn", ttsn, 4);
        p.transactionDate = rs.getString("transaction_date");
        p.transactionTime = rs.getString("transaction_time");
        p.amount = rs.getLong("amount");
        String tac = rs.getString("tac");
        if (tac == null || tac.length() != 8 || !isHex(tac)) {
            throw new IllegalStateException("purchase " + at + ": tac '" + tac + "' is not 8 hex digits");
        }
        p.tac = tac.toUpperCase(java.util.Locale.ROOT);
        p.keyVersion = hex(at, "key_version", rs.getInt("key_version"), 1);
        p.algorithmId = hex(at, "algorithm_id", rs.getInt("algorithm_id"), 1);
        String ref = rs.getString("payee_reference");
        // payee_reference is AN 20: the record's value, space-padded as on the card
        p.payeeReference = ref == null || ref.isBlank() ? null : String.format("%-20s", ref);
        return p;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** {@code value} as the upper-case hex digits of {@code bytes} bytes; an error when it does not fit them. */
    static String hex(String purchase, String column, long value, int bytes) {
        if (value < 0 || value >= 1L << (8 * bytes)) {
            throw new IllegalStateException("purchase " + purchase + ": " + column + " " + value + " does not fit its "
                    + bytes + " byte" + (bytes > 1 ? "s" : "") + " of the record");
        }
        String digits = HEX.toHexDigits(value);
        return digits.substring(digits.length() - 2 * bytes);
    }

    SettlementNotice notice(SettlementRow row) {
        Department d = reference.department(row.departmentCode());
        SettlementNotice n =
                new SettlementNotice().header(noticeId(row), publisher.party(), row.departmentCode(), clock.instant());
        n.businessDate = row.businessDate();
        n.departmentCode = row.departmentCode();
        n.purchaseCount = row.purchaseCount();
        n.grossAmount = row.gross();
        n.feeAmount = row.fee();
        n.netAmount = row.net();
        n.bankCode = d.bankCode();
        n.accountNumber = d.accountNumber();
        Optional<Payment> payment = jdbc
                .sql("SELECT message_id, end_to_end_id FROM payment WHERE business_date = ?"
                        + " AND department_code = ? AND kind = 'DEPARTMENT' ORDER BY end_to_end_id")
                .params(row.businessDate(), row.departmentCode())
                .query((rs, i) -> new Payment(rs.getString("message_id"), rs.getString("end_to_end_id")))
                .list()
                .stream()
                .findFirst();
        payment.ifPresent(p -> {
            n.messageId = p.messageId();
            n.endToEndId = p.endToEndId();
        });
        return n;
    }

    record Payment(String messageId, String endToEndId) {}

    List<SettlementRow> rows(String date) {
        return settlements.settlements(date);
    }
}
