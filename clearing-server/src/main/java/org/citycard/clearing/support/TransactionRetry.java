package org.citycard.clearing.support;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;
import org.citycard.clearing.ingest.ConcurrentChainUpdateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs a transaction again when it lost a race: a deadlock or lock timeout, a unique key another transaction took
 * first (23505), or a card chain moved under it. Each attempt is a whole new transaction.
 */
@Component
public class TransactionRetry {
    private static final Logger log = LoggerFactory.getLogger(TransactionRetry.class);
    private static final int ATTEMPTS = 6;
    /** Derby and PostgreSQL: serialization / deadlock, lock timeout, unique violation. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "40XL1", "40XL2", "23505");

    public <T> T run(String what, Supplier<T> work) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return work.get();
            } catch (ConcurrentChainUpdateException | DataAccessException e) {
                if (e instanceof DataAccessException dae && !retryable(dae)) {
                    throw dae;
                }
                last = e;
                log.info("{}: attempt {} lost a race ({}), retrying", what, attempt, sqlState(e));
                try {
                    Thread.sleep(5L * attempt * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    static boolean retryable(Throwable e) {
        String state = sqlState(e);
        return state != null && RETRYABLE.contains(state);
    }

    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (t instanceof ConcurrentChainUpdateException) {
                return "chain moved";
            }
        }
        return null;
    }
}
