package org.citycard.clearing.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.record.OfflineRecord;
import org.springframework.stereotype.Component;

/**
 * Work that moves a card's chain (an uploaded batch, a load authorisation, completion or reversal) runs one at a
 * time per card in this server. Two batches that share cards both read the cards' held records and insert their
 * own; on Derby each then waits for the other's uncommitted rows, a deadlock Derby breaks only after its timeout,
 * and retried batches from busy terminals meet again (found by the demo: six terminals, twenty cards, the server
 * stalled). Only one of two such transactions could commit anyway (the chain's version), so waiting costs nothing.
 * Locks are striped by ASN and taken in stripe order before the transaction starts, so they never deadlock
 * themselves. On PostgreSQL, which several server instances may share, the work also locks the cards' rows in the
 * database inside its transaction ({@link #inDatabase}): {@code SELECT … FOR UPDATE} of their shadow accounts in ASN
 * order, so a card's chain moves on one instance at a time and two instances wait instead of both working and one
 * retrying; the rows' versions read under the lock correct this instance's cached chains at once.
 */
@Component
public class CardLocks {
    private static final int STRIPES = 512;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final CardChainRepository chains;
    private final boolean shared;

    public CardLocks(CardChainRepository chains, org.citycard.clearing.support.DatabaseKind database) {
        this.chains = chains;
        this.shared = database.shared();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Locks these cards' shadow accounts in the database until the current transaction ends (on PostgreSQL; on
     * Derby, one instance per database, the in-JVM locks of {@link #on} are enough and nothing is done).
     */
    public void inDatabase(Collection<String> asns) {
        if (shared) {
            chains.lockRows(asns);
        }
    }

    /**
     * {@link #inDatabase(Collection)} for the cards of an uploaded batch's records, read from them only on a shared
     * database (Derby needs no database lock, so the batch is not decoded for it here).
     */
    public void inDatabaseForRecords(byte[] records) {
        if (shared) {
            chains.lockRows(asnsOf(records));
        }
    }

    /** Runs {@code work} holding the locks of these cards. */
    public <T> T on(Collection<String> asns, Supplier<T> work) {
        int[] order = asns.stream()
                .mapToInt(a -> Math.floorMod(a.hashCode(), STRIPES))
                .distinct()
                .sorted()
                .toArray();
        int held = 0;
        try {
            for (int i : order) {
                stripes[i].lock();
                held++;
            }
            return work.get();
        } finally {
            for (int k = held - 1; k >= 0; k--) {
                stripes[order[k]].unlock();
            }
        }
    }

    /** The ASN field of every whole record of an uploaded batch (as hex; a malformed batch gives what it holds). */
    public static List<String> asnsOf(byte[] records) {
        List<String> out = new ArrayList<>();
        for (int off = 0; off + OfflineRecord.SIZE <= records.length; off += OfflineRecord.SIZE) {
            byte[] one = java.util.Arrays.copyOfRange(records, off, off + OfflineRecord.SIZE);
            out.add(Hex.of(OfflineRecord.CODEC.slice(one, "asn")));
        }
        return out;
    }
}
