package org.citycard.clearing.ingest;

/**
 * What the ingest steps hand on to the steps after them for one record (the keys of its {@link RecordContext}, in
 * the order the steps fill them).
 */
public enum RecordKey {
    /** The decoded record ({@link LayoutStep}). */
    RECORD,
    /** The record's bytes as received ({@link LayoutStep}). */
    RAW,
    /** The card's shadow account ({@link CardStep}). */
    CHAIN,
    /** Where the record goes in the card's chain ({@link DuplicateStep}). */
    PLACEMENT
}
