package org.citycard.issuance.perso;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.citycard.cardlink.CardConnection;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.workflow.Workflow;

/**
 * Batch production: a batch takes verified applications into production (each gets its ASN, card number and dates
 * once), and a run personalises its cards one after the other. The state of each card of the batch is in the
 * database: a card is DONE in the same transaction that moves it to PERSONALISED, so a run stopped at any point
 * (a torn card, a crash, Ctrl-C) is resumed by running the batch again: finished cards are skipped, the card that
 * was in the middle is recognised in the reader and redone or verified, and no card is personalised twice.
 *
 * <p>The work is split by responsibility: {@link ProductionBatches} makes batches, {@link BatchRun} runs one,
 * {@link BatchItems} keeps each card's state, {@link CardProfiles} says what a card gets, {@link PsamProduction}
 * makes PSAMs. This class is the one entry the CLI, the desk and the tests use.
 */
public final class ProductionService {
    private final ProductionBatches batches;
    private final BatchRun runs;
    private final PsamProduction psams;

    public ProductionService(Database db, Dictionary dict, AuditLog audit, Workflow workflow, Clock clock) {
        this.batches = new ProductionBatches(db, dict, audit, workflow, clock);
        this.runs = new BatchRun(db, dict, audit, batches, new BatchItems(db, audit, workflow, clock));
        this.psams = new PsamProduction(db, dict, audit, clock);
    }

    /** A batch as stored. */
    /**
     * A production batch.
     *
     * @param keyVersion the key version of its cards' keys (issue 22); 0 until the first run of a batch made without
     *     one fixes the key set's newest
     */
    public record Batch(
            long id, String keySet, int size, int done, boolean finished, Algorithm algorithm, int keyVersion) {
        /** A batch of key version 01. */
        public Batch(long id, String keySet, int size, int done, boolean finished, Algorithm algorithm) {
            this(id, keySet, size, done, finished, algorithm, 1);
        }
    }

    /**
     * Creates a batch of up to {@code count} verified applications, oldest first, for a key set.
     *
     * @throws IllegalStateException when no application is verified
     */
    public Batch create(Staff operator, int count, String keySetName) {
        return create(operator, count, keySetName, Algorithm.TDES);
    }

    /**
     * Creates a batch whose cards all get keys of one algorithm (3DES or SM4, CARD-SPEC §3 and §7): a city issues
     * both side by side, batch by batch. Key version 01 (issue 22: the CLI chooses another, default the newest).
     */
    public Batch create(Staff operator, int count, String keySetName, Algorithm algorithm) {
        return batches.create(operator, count, keySetName, algorithm, 1); // the callers of before key versions
    }

    /**
     * Creates a batch whose cards all get keys of one algorithm and one key version (issue 22: {@code keyVersion}
     * 1..255, or 0 for the newest version the key set holds when the batch first runs).
     */
    public Batch create(Staff operator, int count, String keySetName, Algorithm algorithm, int keyVersion) {
        return batches.create(operator, count, keySetName, algorithm, keyVersion);
    }

    public Optional<Batch> batch(long batchId) {
        return batches.batch(batchId);
    }

    public List<Batch> batches() {
        return batches.batches();
    }

    /** The summary of a run. */
    public record Summary(
            long batchId,
            int total,
            int doneBefore,
            int personalisedNow,
            int verifiedExisting,
            int reportedToServer,
            int serverFailures,
            long elapsedNanos,
            long hostNanos,
            long apdus,
            String stoppedBy) {
        public int done() {
            return doneBefore + personalisedNow + verifiedExisting;
        }

        public boolean complete() {
            return done() == total;
        }
    }

    /**
     * Personalises every card of the batch not done yet.
     *
     * @param keys the key set the batch was made for
     * @return the summary; {@code stoppedBy} says why a run ended early (the card's error), null when complete
     */
    public Summary run(
            Staff operator,
            long batchId,
            KeySet keys,
            CardSource source,
            ProgressListener progress,
            CardRegistryClient server,
            String terminalId) {
        return runs.run(operator, batchId, keys, source, progress, server, terminalId);
    }

    /**
     * Personalises a terminal's PSAM and records it.
     *
     * @param terminalId the 12-digit terminal ID the PSAM will serve
     */
    public int personalisePsam(Staff operator, KeySet keys, CardConnection psam, String terminalId) {
        return psams.personalise(operator, keys, psam, terminalId);
    }
}
