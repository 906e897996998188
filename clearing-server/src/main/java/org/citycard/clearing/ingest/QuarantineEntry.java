package org.citycard.clearing.ingest;

import java.time.Instant;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;

/**
 * Something kept out of the ledger.
 *
 * @param source RECORD (an uploaded offline record) or LOAD (a load completion)
 * @param status HELD (waits for a gap to close), QUARANTINED (for staff), RELEASED (posted after the gap closed),
 *     REPEAT (an exact copy of an accepted record, received again: recorded, answered 94, never posted)
 * @param rawData the record's 66 bytes in hex, or the completion's data
 */
public record QuarantineEntry(
        long id,
        String source,
        QuarantineReason reason,
        String status,
        String detail,
        String asn,
        Integer offlineSeq,
        String terminalId,
        Long ttsn,
        Long amount,
        String txnDate,
        String txnTime,
        String rawData,
        String batchTerminal,
        String batchNumber,
        String businessDate,
        Instant receivedAt,
        Long releasedPurchaseId) {

    public static final String HELD = "HELD";
    public static final String QUARANTINED = "QUARANTINED";
    public static final String RELEASED = "RELEASED";
    public static final String REPEAT = "REPEAT";
    public static final String RECORD = "RECORD";
    public static final String LOAD = "LOAD";

    /** A quarantined uploaded record; fields of a record that could not be decoded are null. */
    public static QuarantineEntry ofRecord(
            long id,
            QuarantineReason reason,
            String detail,
            OfflineRecord r,
            byte[] raw,
            String batchTerminal,
            String batchNumber,
            String businessDate,
            Instant now) {
        return new QuarantineEntry(
                id,
                RECORD,
                reason,
                reason.isHeld() ? HELD : QUARANTINED,
                detail.length() > 200 ? detail.substring(0, 200) : detail,
                r == null ? null : r.asn(),
                r == null ? null : r.offlineSeq(),
                r == null ? null : r.terminalId(),
                r == null ? null : r.ttsn(),
                r == null ? null : r.amount(),
                r == null ? null : r.transactionDate(),
                r == null ? null : r.transactionTime(),
                org.citycard.dictionary.codec.Hex.of(raw),
                batchTerminal,
                batchNumber,
                businessDate,
                now,
                null);
    }
}
