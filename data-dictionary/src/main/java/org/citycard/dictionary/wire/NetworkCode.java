package org.citycard.dictionary.wire;

import java.util.Optional;
import org.citycard.dictionary.Dictionary;

/** ISO 8583 field 70 of the 0800 (iso8583.yaml networkCodes). */
public enum NetworkCode {
    SIGN_ON,
    SIGN_OFF,
    ECHO;

    private final String code;

    NetworkCode() {
        this.code = WireCodes.isoCodeOf(
                "network management codes", Dictionary.standard().iso8583().networkCodes(), name());
    }

    /** The three digits of field 70. */
    public String code() {
        return code;
    }

    public static Optional<NetworkCode> of(String code) {
        for (NetworkCode c : values()) {
            if (c.code.equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
