package org.citycard.clearing.ingest;

/**
 * One check of the ingest chain (a jPOS-style participant): it may load what it needs for the whole batch once
 * ({@link #prepare}), then sees each record that every step before it let through and either lets it go on or
 * decides it (quarantined, answered as a repeat, or answered at once). A record no step decides is accepted.
 */
public interface IngestStep {
    /** What became of a record at a step. */
    enum Next {
        /** The record passed this step: on to the next one. */
        CONTINUE,
        /** This step answered the record; no later step sees it. */
        DECIDED
    }

    /** Before the records are checked: what this step loads for the whole batch in one go. */
    default void prepare(BatchContext batch) {}

    Next check(BatchContext batch, RecordContext record);
}
