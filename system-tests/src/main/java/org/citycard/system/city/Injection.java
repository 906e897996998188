package org.citycard.system.city;

import java.util.List;
import org.citycard.agent.iso.HostLink;
import org.citycard.agent.iso.IsoException;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.dictionary.record.OfflineRecord;

/**
 * What an attacker or a broken terminal would send: a record the server accepted earlier, sent again in a new batch
 * (a replay: the server answers 94 and files it as a Q2 repeat, never posting it twice), and a copy with its amount
 * raised and the TAC kept (a forgery: the TAC does not verify with the card's DTK, Q1). Both go over the terminal's
 * real ISO 8583 link, MAC'd with its TAK, as batch numbers its journal never uses.
 */
final class Injection {
    /** Batch numbers far above what a demo journal reaches. */
    static final int FIRST_BATCH = 900_001;

    /** TTSNs of forged records: above the terminal's PSAM counter and below its block sequence (80000001). */
    static final long FORGED_TTSN = 70_000_001L;

    /** What the server answered, per record. */
    record Outcome(String terminalId, OfflineRecord original, String batchResponse, List<String> results) {
        String replayResult() {
            return results.isEmpty() ? "" : results.get(0);
        }

        String forgedResult() {
            return results.size() < 2 ? "" : results.get(1);
        }
    }

    private Injection() {}

    /** True when the terminal has a purchase the server accepted, to replay and forge. */
    static boolean hasAcceptedPurchase(CityTerminal terminal) {
        return terminal.journal().all().stream().anyMatch(Injection::replayable);
    }

    private static boolean replayable(JournalEntry e) {
        OfflineRecord r = e.record();
        return "00".equals(e.result()) && r.amount() > 0 && r.amount() < r.balanceBefore();
    }

    /** Sends the replay and the forgery of one of the terminal's accepted purchases. */
    static Outcome inject(CityTerminal terminal) throws IsoException {
        OfflineRecord accepted = terminal.journal().all().stream()
                .filter(Injection::replayable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "terminal " + terminal.terminalId() + " has no accepted purchase to replay"))
                .record();
        OfflineRecord forged = OfflineRecord.of(
                accepted.recordType(),
                accepted.asn(),
                accepted.offlineSeq(),
                accepted.balanceBefore(),
                accepted.amount() + 1,
                accepted.terminalId(),
                FORGED_TTSN,
                accepted.transactionDate(),
                accepted.transactionTime(),
                accepted.tac(),
                accepted.keyVersion(),
                accepted.algorithmId(),
                accepted.departmentCode(),
                accepted.payeeReference());
        HostLink.BatchAnswer a =
                terminal.agent().host().uploadBatch(FIRST_BATCH, List.of(accepted.bytes(), forged.bytes()));
        return new Outcome(terminal.terminalId(), accepted, a.responseCode(), a.results());
    }
}
