package org.citycard.clearing.ingest;

import org.citycard.dictionary.record.OfflineRecord;

/**
 * A record that passed every check, with what its posting needs.
 *
 * @param fee the purchase's informative share of the fee at its department's rate (shown, never charged: the
 *     fee is charged on the department's day total, {@link org.citycard.clearing.ledger.FeeRule})
 * @param chainOnlineSeq the online counter of the last load placed before it in the card's chain
 * @param batchTerminal the terminal that uploaded it
 * @param batchNumber the batch it came in
 * @param previousId the card's purchase before it in the chain (0: its first), kept in the row as the card's list
 */
public record AcceptedPurchase(
        long id,
        OfflineRecord record,
        long fee,
        int chainOnlineSeq,
        String batchTerminal,
        String batchNumber,
        long previousId) {}
