package org.citycard.clearing.ledger;

/** What a journal records. */
public enum JournalKind {
    /** 0100 approved: cash / bank collection → load suspense. */
    LOAD_AUTHORISATION,
    /** 0220 with a valid TAC: load suspense → purse float of the card. */
    LOAD_COMPLETION,
    /** 0400 of an uncompleted load: load suspense → back to cash / bank collection. */
    LOAD_REVERSAL,
    /** Accepted records of one uploaded batch: purse float → department payable and fee income. */
    PURCHASE_BATCH,
    /** Records released from quarantine when the gap they waited for closed. */
    PURCHASE_RELEASE
}
