package org.citycard.clearing.ledger;

/** What a journal records. */
public enum JournalKind {
    /** 0100 approved: cash / bank collection → load suspense. */
    LOAD_AUTHORISATION,
    /** 0220 with a valid TAC: load suspense → purse float of the card. */
    LOAD_COMPLETION,
    /** 0400 of an uncompleted load: load suspense → back to cash / bank collection. */
    LOAD_REVERSAL,
    /** Accepted records of one uploaded batch: purse float → department payable (gross; the fee comes at the close). */
    PURCHASE_BATCH,
    /** Records released from quarantine when the gap they waited for closed. */
    PURCHASE_RELEASE,
    /**
     * No longer posted: closes before the one fee rule ({@link FeeRule}) trued record-by-record fees up to the day
     * fee with it. Kept so that journals of such closes still read.
     */
    FEE_ADJUSTMENT,
    /**
     * Day close: each department's day fee (payable → fee income, {@link FeeRule}), then department payables and
     * refunds → settlement in transit, as instructed in the bank files.
     */
    SETTLEMENT,
    /** Bank status: accepted payments, settlement in transit → the bank settlement account. */
    BANK_ACCEPTED,
    /** Bank status: rejected payments, settlement in transit → back to the payable (re-queued next day). */
    BANK_REJECTED,
    /** A cancelled card's balance: purse float → refund payable. */
    CARD_REFUND,
    /** A replaced card's balance: purse float of the old card → purse float of the new one. */
    BALANCE_MOVE,
    /** A card issued with its deposit: cash collection → card deposit of the card. */
    DEPOSIT_TAKEN,
    /** A returned card's deposit paid with its refund in the next bank file: card deposit → refund payable. */
    DEPOSIT_REFUND,
    /** A returned card's deposit paid out in cash at the counter: card deposit → cash collection (cash paid out). */
    DEPOSIT_CASH_REFUND,
    /** A replaced card's deposit: card deposit of the old card → card deposit of the new one. */
    DEPOSIT_MOVE
}
