package org.citycard.issuance.perso;

import java.util.List;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.TimedTransport;
import org.citycard.cardlink.perso.CardPersonaliser;
import org.citycard.cardlink.perso.CardProfile;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.perso.ProductionService.Batch;
import org.citycard.issuance.perso.ProductionService.Summary;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.server.CardReport;
import org.citycard.issuance.server.ServerException;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.workflow.CardState;

/**
 * One run over a batch: the cards not done yet, one after the other, each personalised (or recognised and verified),
 * reported to the clearing server and marked done; the first card that fails stops the run and is kept for the next.
 */
final class BatchRun {
    private final Database db;
    private final Dictionary dict;
    private final AuditLog audit;
    private final ProductionBatches batches;
    private final BatchItems items;

    BatchRun(Database db, Dictionary dict, AuditLog audit, ProductionBatches batches, BatchItems items) {
        this.db = db;
        this.dict = dict;
        this.audit = audit;
        this.batches = batches;
        this.items = items;
    }

    Summary run(
            Staff operator,
            long batchId,
            KeySet keys,
            CardSource source,
            ProgressListener progress,
            CardRegistryClient server,
            String terminalId) {
        operator.require(Permission.PRODUCE);
        Batch batch = batches.batch(batchId)
                .orElseThrow(() -> new IllegalArgumentException("no production batch " + batchId));
        if (!batch.keySet().equals(keys.name())) {
            throw new IllegalArgumentException("batch " + batchId + " was made for key set " + batch.keySet() + ", not "
                    + keys.name() + ": every card of a batch is personalised with the same keys");
        }
        List<BatchItems.Item> todo = items.notDone(batchId);
        int keyVersion =
                batch.keyVersion() == 0 ? batches.fixKeyVersion(batchId, keys.newestVersion()) : batch.keyVersion();
        if (!keys.versions().contains(keyVersion)) {
            throw new IllegalArgumentException(String.format(
                    "batch %d is of key version %02X, which key set %s does not hold (it holds %s)",
                    batchId, keyVersion, keys.name(), KeySet.versionsText(keys)));
        }
        // every card of the batch gets the keys of the batch's key version (issue 22)
        CardPersonaliser personaliser =
                new CardPersonaliser(dict, keys.atVersion(keyVersion), terminalId, batch.algorithm());
        long start = System.nanoTime();
        long cardNanos = 0;
        long apdus = 0;
        int now = 0;
        int verified = 0;
        int reported = 0;
        int serverFailures = 0;
        String stoppedBy = null;
        audit.record(
                operator,
                AuditAction.BATCH_RUN,
                null,
                null,
                "batch " + batchId + ": " + todo.size() + " of " + batch.size() + " cards to do");
        progress.started(batchId, batch.size(), batch.done());
        for (BatchItems.Item item : todo) {
            long cardId = item.cardId();
            CardProfile profile = db.read(c -> CardProfiles.profile(c, cardId));
            items.markStarted(batchId, cardId);
            CardConnection connection = source.present("application " + cardId + ", ASN " + profile.asn());
            TimedTransport timed = new TimedTransport(connection.transport());
            CardPersonaliser.Outcome outcome;
            try {
                outcome = personaliser.personalise(timed, profile, personaliser.initialPin());
            } catch (RuntimeException e) {
                apdus += timed.apdus();
                cardNanos += timed.cardNanos();
                items.markFailed(operator, batchId, cardId, profile, e);
                source.done(connection, false);
                stoppedBy = "card " + profile.asn() + ": " + e.getMessage();
                break;
            }
            apdus += timed.apdus();
            cardNanos += timed.cardNanos();
            // reported before it is marked done: a crash in between only reports it again, which the server accepts
            boolean isReported = report(profile, batch.algorithm(), keyVersion, server);
            items.markDone(operator, batchId, cardId, profile, outcome, isReported ? server.toString() : null);
            source.done(connection, true);
            if (outcome.personalisedNow()) {
                now++;
            } else {
                verified++;
            }
            if (isReported) {
                reported++;
            } else {
                serverFailures++;
            }
            progress.cardDone(profile.asn(), outcome);
        }
        if (stoppedBy == null) {
            batches.finish(batchId);
        }
        long elapsed = System.nanoTime() - start;
        return new Summary(
                batchId,
                batch.size(),
                batch.done(),
                now,
                verified,
                reported,
                serverFailures,
                elapsed,
                elapsed - cardNanos,
                apdus,
                stoppedBy);
    }

    /** Reports a personalised card to the server; false (the card stays unreported) when the server fails. */
    private static boolean report(CardProfile p, Algorithm algorithm, int keyVersion, CardRegistryClient server) {
        try {
            server.register(new CardReport(
                    p.asn(),
                    CardState.PERSONALISED.code(),
                    p.expiryDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
                    0,
                    p.citizenId(),
                    algorithm,
                    0,
                    keyVersion));
            return true;
        } catch (ServerException e) {
            return false;
        }
    }
}
