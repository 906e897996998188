package org.citycard.clearing.ingest;

import org.citycard.dictionary.record.OfflineRecord;

/** The identifying fields of an accepted purchase, for duplicate checks. */
public record StoredPurchase(
        long id,
        String asn,
        int offlineSeq,
        String terminalId,
        long ttsn,
        long amount,
        long balanceBefore,
        String date,
        String time,
        String tac) {

    /** Same content as this stored purchase: a re-sent copy rather than a different record. */
    public boolean sameAs(OfflineRecord r) {
        return asn.equals(r.asn())
                && offlineSeq == r.offlineSeq()
                && terminalId.equals(r.terminalId())
                && ttsn == r.ttsn()
                && amount == r.amount()
                && balanceBefore == r.balanceBefore()
                && date.equals(r.transactionDate())
                && time.equals(r.transactionTime())
                && tac.equals(r.tac());
    }
}
