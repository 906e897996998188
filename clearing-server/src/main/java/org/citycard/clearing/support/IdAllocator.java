package org.citycard.clearing.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Row identifiers handed out in blocks (hi/lo) from table {@code id_block}, the same on Derby and PostgreSQL. A
 * block is taken in its own committed transaction, so identifiers are never reused even when the work that used
 * them rolls back (gaps are harmless); several server instances share the table safely.
 */
@Component
public class IdAllocator {
    /** Identifiers per block: one committed transaction per 10,000 purchases of a busy ingest, not per 1,000. */
    private static final int BLOCK = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    public IdAllocator(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The next identifier of a sequence ("journal", "purchase", "quarantine", "event"). */
    public long next(String sequence) {
        Block b = blocks.computeIfAbsent(sequence, s -> new Block());
        synchronized (b) {
            if (b.next >= b.end) {
                long start = newTransaction.execute(status -> {
                    int n = jdbc.update("UPDATE id_block SET next_id = next_id + ? WHERE name = ?", BLOCK, sequence);
                    if (n != 1) {
                        throw new IllegalStateException("no identifier sequence '" + sequence + "' in id_block");
                    }
                    return jdbc.queryForObject("SELECT next_id FROM id_block WHERE name = ?", Long.class, sequence)
                            - BLOCK;
                });
                b.next = start;
                b.end = start + BLOCK;
            }
            return b.next++;
        }
    }

    private static final class Block {
        long next;
        long end;
    }
}
