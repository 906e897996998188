package org.citycard.agent.journal;

import org.citycard.dictionary.record.OfflineRecord;

/**
 * A journaled offline event — a purchase (06), compound purchase (09) or hotlist block (A1) — and where it stands.
 * The event itself is the dictionary's {@link OfflineRecord}: once COMPLETE, its bytes are those the journal
 * stored when the card proved it, and the uploader sends exactly those bytes in the 0320.
 *
 * @param record the record; its TAC is {@link OfflineRecord#NO_TAC} while the event is PENDING or VOID
 * @param batchNo null until the record is assigned to an upload batch (durably, once)
 * @param result the server's per-record result once its batch was answered (00, 94, Qn)
 */
public record JournalEntry(long id, State state, OfflineRecord record, Integer batchNo, String result) {

    /** PENDING: the debit was sent and its answer not yet had; COMPLETE: proven; VOID: proven not to have happened. */
    public enum State {
        PENDING,
        COMPLETE,
        VOID
    }

    /** The TAC once COMPLETE, else null. */
    public String tac() {
        return state == State.COMPLETE ? record.tac() : null;
    }

    public boolean uploaded() {
        return result != null;
    }
}
