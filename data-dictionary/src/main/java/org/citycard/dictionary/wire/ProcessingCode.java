package org.citycard.dictionary.wire;

import java.util.Optional;
import org.citycard.dictionary.Dictionary;

/** ISO 8583 field 3 of the load messages (iso8583.yaml processingCodes). */
public enum ProcessingCode {
    CASH_LOAD,
    BANK_LOAD;

    private final String code;

    ProcessingCode() {
        this.code = WireCodes.isoCodeOf(
                "processing codes", Dictionary.standard().iso8583().processingCodes(), name());
    }

    /** The six digits of field 3. */
    public String code() {
        return code;
    }

    public static Optional<ProcessingCode> of(String code) {
        for (ProcessingCode c : values()) {
            if (c.code.equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
