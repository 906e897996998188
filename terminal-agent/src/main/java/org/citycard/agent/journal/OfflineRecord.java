package org.citycard.agent.journal;

/**
 * A journaled offline event: a purchase (06), compound purchase (09) or hotlist block (A1), the 0320 upload
 * record. Idempotent on the server by (ASN, offline seq) and (terminal ID, TTSN).
 *
 * @param tac hex, null while the event is PENDING (the card's answer not yet had)
 * @param batchNo null until the record is assigned to an upload batch (durably, once)
 * @param result the server's per-record result once its batch was answered (00, 94, Qn)
 */
public record OfflineRecord(
        long id,
        String recordType,
        State state,
        String asn,
        int seq,
        String terminalId,
        long ttsn,
        long amount,
        long balanceBefore,
        String date,
        String time,
        String tac,
        int keyVersion,
        int algorithm,
        String department,
        String payee,
        Integer batchNo,
        String result) {

    /** PENDING: the debit was sent and its answer not yet had; COMPLETE: proven; VOID: proven not to have happened. */
    public enum State {
        PENDING,
        COMPLETE,
        VOID
    }

    /** The data of a new event before it has an id. */
    public static OfflineRecord draft(
            String recordType,
            String asn,
            int seq,
            String terminalId,
            long ttsn,
            long amount,
            long balanceBefore,
            String date,
            String time,
            int keyVersion,
            int algorithm,
            String department,
            String payee) {
        return new OfflineRecord(
                0,
                recordType,
                State.PENDING,
                asn,
                seq,
                terminalId,
                ttsn,
                amount,
                balanceBefore,
                date,
                time,
                null,
                keyVersion,
                algorithm,
                department,
                payee,
                null,
                null);
    }

    public boolean uploaded() {
        return result != null;
    }
}
