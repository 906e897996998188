package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import org.citycard.dictionary.record.LoadAuthorisationAnswer;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;

/**
 * 0110 load authorisation answer: the request's load fields echoed, the response code, and when approved the
 * retrieval reference (37), the authorisation code (38) and MAC2 with the host's date and time (48).
 *
 * @param hostData field 48 (layout load_authorisation_response) as sent, null when declined
 */
public record LoadAuthorisationResponse(
        LoadFields load, String responseCode, String rrn, String authCode, byte[] hostData) implements CityCardMessage {
    public static final String MTI = "0110";

    /** The host's answer to {@code request}. */
    public static LoadAuthorisationResponse answering(
            LoadAuthorisationRequest request, ResponseCode code, String rrn, String authCode, byte[] hostData) {
        return new LoadAuthorisationResponse(request.load(), code.code(), rrn, authCode, hostData);
    }

    /**
     * Reads the answer as the terminal receives it: only 39 when declined; 48 of the layout's size (and 37) when
     * approved. The echoed load fields are not read back (the terminal matched the answer by MTI and STAN).
     */
    public static LoadAuthorisationResponse read(ISOMsg m) {
        String rc = m.getString(RESPONSE_CODE);
        if (!ResponseCode.APPROVED.code().equals(rc)) {
            return new LoadAuthorisationResponse(null, rc, null, null, null);
        }
        byte[] f48 = m.getBytes(ADDITIONAL_DATA);
        if (f48 == null || f48.length != LoadAuthorisationAnswer.SIZE) {
            throw new MessageFieldException(
                    ADDITIONAL_DATA,
                    "an approval carries MAC2 and the host date/time (layout load_authorisation_response)");
        }
        LoadAuthorisationResponse answer =
                new LoadAuthorisationResponse(null, rc, m.getString(RRN), m.getString(AUTH_CODE), f48);
        answer.host();
        return answer;
    }

    /** Field 48 decoded: MAC2 and the host's date and time; null when declined. */
    public LoadAuthorisationAnswer host() {
        if (hostData == null) {
            return null;
        }
        try {
            return LoadAuthorisationAnswer.decode(hostData);
        } catch (ValidationException e) {
            throw new MessageFieldException(ADDITIONAL_DATA, e.getMessage());
        }
    }

    public boolean approved() {
        return ResponseCode.APPROVED.code().equals(responseCode);
    }

    @Override
    public String mti() {
        return MTI;
    }

    @Override
    public ISOMsg toIso() {
        ISOMsg m = message(MTI);
        load.writeTo(m);
        set(m, RRN, rrn);
        set(m, AUTH_CODE, authCode);
        set(m, RESPONSE_CODE, responseCode);
        set(m, ADDITIONAL_DATA, hostData);
        return m;
    }
}
