package org.citycard.dictionary.iso8583.message;

import static org.citycard.dictionary.iso8583.message.Fields.*;

import java.util.Optional;
import org.citycard.dictionary.wire.NetworkCode;
import org.jpos.iso.ISOMsg;

/**
 * 0800 network management request: sign-on, sign-off or echo.
 *
 * @param networkCode field 70, three digits; a code the dictionary does not name is read (the host answers 12)
 */
public record NetworkRequest(String stan, String terminalId, String networkCode) implements CityCardMessage {
    public static final String MTI = "0800";

    public static NetworkRequest of(String stan, String terminalId, NetworkCode code) {
        return new NetworkRequest(stan, terminalId, code.code());
    }

    public static NetworkRequest read(ISOMsg m) {
        return new NetworkRequest(element(m, STAN), element(m, TERMINAL_ID), digits(m, NETWORK_CODE, 3));
    }

    /**
     * True for a sign-on 0800 (70 = 001): the one message MACed with the sign-on key SOK rather than the working
     * key, since it is how a terminal gets its working key.
     */
    public static boolean isSignOn(ISOMsg m) {
        try {
            return MTI.equals(m.getMTI()) && NetworkCode.SIGN_ON.code().equals(m.getString(NETWORK_CODE));
        } catch (org.jpos.iso.ISOException e) {
            return false;
        }
    }

    /** {@link #isSignOn(ISOMsg)} for an answer (0810 with 70 = 001). */
    public static boolean isSignOnAnswer(ISOMsg m) {
        try {
            return NetworkAnswer.MTI.equals(m.getMTI())
                    && NetworkCode.SIGN_ON.code().equals(m.getString(NETWORK_CODE));
        } catch (org.jpos.iso.ISOException e) {
            return false;
        }
    }

    public Optional<NetworkCode> code() {
        return NetworkCode.of(networkCode);
    }

    @Override
    public String mti() {
        return MTI;
    }

    @Override
    public ISOMsg toIso() {
        ISOMsg m = message(MTI);
        set(m, STAN, stan);
        set(m, TERMINAL_ID, terminalId);
        set(m, NETWORK_CODE, networkCode);
        return m;
    }
}
