package org.citycard.clearing.load;

import org.citycard.dictionary.wire.ResponseCode;

/**
 * A load as the host knows it, from authorisation to completion or reversal. The card-side values (balance before,
 * online counter, random) come from the card's INITIALIZE FOR LOAD answer in field 48 of the 0100.
 *
 * @param status AUTHORISED, DECLINED, COMPLETED or REVERSED
 * @param hostDate the date sent back with MAC2 (part of the TAC), YYYYMMDD
 */
public record LoadTxn(
        String terminalId,
        String stan,
        String requestDigest,
        String asn,
        String processingCode,
        long amount,
        long balanceBefore,
        int onlineSeq,
        int keyVersion,
        int algorithmId,
        String cardRandom,
        String localDate,
        String localTime,
        String departmentCode,
        String hostDate,
        String hostTime,
        String rrn,
        String authCode,
        String mac2,
        String responseCode,
        String status,
        String tac,
        String businessDate) {

    public static final String AUTHORISED = "AUTHORISED";
    public static final String DECLINED = "DECLINED";
    public static final String COMPLETED = "COMPLETED";
    public static final String REVERSED = "REVERSED";

    public long newBalance() {
        return balanceBefore + amount;
    }

    /** This load approved: the host date and time, RRN, authorisation code and MAC2 of its answer. */
    public LoadTxn authorised(
            String newHostDate, String newHostTime, String newRrn, String newAuthCode, String newMac2) {
        return new LoadTxn(
                terminalId,
                stan,
                requestDigest,
                asn,
                processingCode,
                amount,
                balanceBefore,
                onlineSeq,
                keyVersion,
                algorithmId,
                cardRandom,
                localDate,
                localTime,
                departmentCode,
                newHostDate,
                newHostTime,
                newRrn,
                newAuthCode,
                newMac2,
                ResponseCode.APPROVED.code(),
                AUTHORISED,
                tac,
                businessDate);
    }

    public LoadTxn withStatus(String newStatus, String newTac) {
        return new LoadTxn(
                terminalId,
                stan,
                requestDigest,
                asn,
                processingCode,
                amount,
                balanceBefore,
                onlineSeq,
                keyVersion,
                algorithmId,
                cardRandom,
                localDate,
                localTime,
                departmentCode,
                hostDate,
                hostTime,
                rrn,
                authCode,
                mac2,
                responseCode,
                newStatus,
                newTac,
                businessDate);
    }
}
