package org.citycard.issuance.perso;

import org.citycard.cardlink.perso.CardPersonaliser;

/** Follows a production run: the CLI shows a progress bar, tests and benchmarks stay quiet. */
public interface ProgressListener extends AutoCloseable {
    /** The run starts: {@code total} cards in the batch, {@code alreadyDone} of them finished earlier. */
    void started(long batchId, int total, int alreadyDone);

    /** One card is finished. */
    void cardDone(String asn, CardPersonaliser.Outcome outcome);

    @Override
    default void close() {}

    static ProgressListener quiet() {
        return new ProgressListener() {
            @Override
            public void started(long batchId, int total, int alreadyDone) {}

            @Override
            public void cardDone(String asn, CardPersonaliser.Outcome outcome) {}
        };
    }
}
