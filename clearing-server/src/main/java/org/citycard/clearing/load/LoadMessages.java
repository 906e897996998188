package org.citycard.clearing.load;

import org.citycard.dictionary.wire.ResponseCode;

/** What the ISO 8583 layer hands to the load services and gets back. */
public final class LoadMessages {
    private LoadMessages() {}

    /**
     * A 0100.
     *
     * @param cardData field 48: the card's INITIALIZE FOR LOAD answer (layout load_authorisation_request)
     */
    public record Authorisation(
            String terminalId,
            String stan,
            String asn,
            String processingCode,
            long amount,
            String localDate,
            String localTime,
            String departmentCode,
            byte[] cardData) {}

    /**
     * The 0110's content.
     *
     * @param hostData field 48 when approved: MAC2 ‖ host date ‖ host time (layout load_authorisation_response)
     */
    public record AuthorisationAnswer(ResponseCode code, String rrn, String authCode, byte[] hostData) {
        public static AuthorisationAnswer declined(ResponseCode code) {
            return new AuthorisationAnswer(code, null, null, null);
        }
    }

    /**
     * A 0220: the load's STAN, local date (field 13, YYYYMMDD, as in the 0100) and RRN, and the card's TAC (field 48,
     * layout load_completion).
     */
    public record Completion(
            String terminalId, String stan, String localDate, String asn, long amount, String rrn, byte[] tacData) {}

    /** A 0400: the original STAN and the original local date as MMDD from field 90. */
    public record Reversal(String terminalId, String originalStan, String originalDateMmdd, String asn, long amount) {}
}
