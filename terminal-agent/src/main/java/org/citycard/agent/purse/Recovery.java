package org.citycard.agent.purse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.agent.journal.LoadEvent;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.GetTransactionProve;
import org.citycard.dictionary.record.OfflineRecord;

/**
 * Proves on the card the money events of this card whose answer was lost (or whose agent was killed after
 * sending them), before anything new happens on the card: GET TRANSACTION PROVE gives the TAC of a debit or
 * credit that happened, or 9406 for one that did not. A purchase is then completed or voided (never debited
 * again); a load is completed (0220 owed) or reversed (0400 owed).
 */
public final class Recovery {
    private final Journal journal;
    private final Runnable nudgeUploader;

    public Recovery(Journal journal) {
        this(journal, () -> {});
    }

    /**
     * @param nudgeUploader asks store-and-forward for a pass soon: called when the card proved something, since a
     *     completed purchase, a 0220 or a 0400 is then owed to the server
     */
    public Recovery(Journal journal, Runnable nudgeUploader) {
        this.journal = journal;
        this.nudgeUploader = nudgeUploader;
    }

    /** What the card proved on this tap. */
    public record Outcome(
            List<PurchaseResult> completedPurchases, int voidedPurchases, int creditedLoads, int reversedLoads) {
        public boolean nothing() {
            return completedPurchases.isEmpty() && voidedPurchases == 0 && creditedLoads == 0 && reversedLoads == 0;
        }
    }

    public Outcome recover(ApduTransport card, PurseCard purse) {
        List<PurchaseResult> completed = new ArrayList<>();
        int voided = 0;
        for (JournalEntry entry : journal.pendingFor(purse.asn())) {
            OfflineRecord r = entry.record();
            Optional<GetTransactionProve.Proof> proof =
                    GetTransactionProve.send(card, TxTypes.toByte(r.recordType()), r.offlineSeq());
            if (proof.isPresent()) {
                String tac = org.citycard.dictionary.codec.Hex.of(proof.get().tac());
                journal.complete(entry.id(), tac);
                completed.add(new PurchaseResult(
                        r.asn(),
                        r.amount(),
                        r.balanceBefore() - r.amount(),
                        r.offlineSeq(),
                        r.ttsn(),
                        tac,
                        entry.id(),
                        r.departmentCode(),
                        r.payeeReference(),
                        r.transactionDate(),
                        r.transactionTime(),
                        true,
                        null));
            } else {
                journal.voidRecord(entry.id());
                voided++;
            }
        }
        int credited = 0;
        int reversed = 0;
        for (LoadEvent e : journal.loads().uncertainFor(purse.asn())) {
            Optional<GetTransactionProve.Proof> proof =
                    GetTransactionProve.send(card, TxTypes.toByte(TxTypes.LOAD), e.onlineSeq());
            if (proof.isPresent()) {
                journal.loads()
                        .credited(
                                e.id(),
                                org.citycard.dictionary.codec.Hex.of(proof.get().tac()));
                credited++;
            } else {
                journal.loads().reversalDue(e.id());
                reversed++;
            }
        }
        Outcome outcome = new Outcome(completed, voided, credited, reversed);
        if (!outcome.nothing()) {
            nudgeUploader.run();
        }
        return outcome;
    }
}
