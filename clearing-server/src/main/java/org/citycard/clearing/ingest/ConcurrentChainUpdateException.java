package org.citycard.clearing.ingest;

/** Another transaction moved a card's chain between our read and our write; the work is retried. */
public class ConcurrentChainUpdateException extends RuntimeException {
    public ConcurrentChainUpdateException() {
        super("a card's shadow account changed concurrently; retrying");
    }
}
