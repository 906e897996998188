package org.citycard.clearing.ingest;

import org.citycard.dictionary.codec.Hex;

/**
 * One offline transaction record as uploaded (dictionary layout {@code offline_record}, 66 bytes), decoded.
 *
 * @param recordType the transaction-type code (06 purchase, 09 compound purchase, A1 hotlisted card blocked)
 * @param date YYYYMMDD, the terminal's date of the transaction
 * @param time hhmmss
 * @param raw the 66 bytes as received (TAC inputs are taken from here, byte for byte)
 */
public record OfflineRecord(
        String recordType,
        String asn,
        int offlineSeq,
        long balanceBefore,
        long amount,
        String terminalId,
        long ttsn,
        String date,
        String time,
        String tac,
        int keyVersion,
        int algorithmId,
        String departmentCode,
        String payeeReference,
        byte[] raw) {

    public long balanceAfter() {
        return balanceBefore - amount;
    }

    public String rawHex() {
        return Hex.of(raw);
    }

    /** Same content as a stored purchase: a re-sent copy rather than a different record. */
    public boolean sameAs(StoredPurchase p) {
        return p.asn().equals(asn)
                && p.offlineSeq() == offlineSeq
                && p.terminalId().equals(terminalId)
                && p.ttsn() == ttsn
                && p.amount() == amount
                && p.balanceBefore() == balanceBefore
                && p.date().equals(date)
                && p.time().equals(time)
                && p.tac().equals(tac);
    }

    @Override
    public String toString() {
        return "OfflineRecord[terminal " + terminalId + " TTSN " + ttsn + ", card " + asn + " seq " + offlineSeq + "]";
    }
}
