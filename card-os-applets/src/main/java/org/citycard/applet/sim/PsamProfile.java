package org.citycard.applet.sim;

import java.util.Arrays;
import java.util.HexFormat;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.Rules;

/**
 * What personalisation writes on a PSAM.
 *
 * @param terminalId the terminal ID, 12 digits (PSAM SFI 16; it goes into MAC1 and TAC)
 * @param issuerId the issuer the PSAM serves, 8 bytes (PSAM SFI 17)
 */
public record PsamProfile(String terminalId, byte[] issuerId) {
    /** The terminal of CARD-SPEC §6. */
    public static final String DEMO_TERMINAL_ID = "123456789012";

    public PsamProfile {
        Rules.checkElement(Dictionary.standard(), "terminal_id", terminalId);
        if (issuerId == null || issuerId.length != 8) {
            throw new IllegalArgumentException("issuerId: must be 8 bytes");
        }
        issuerId = issuerId.clone();
    }

    /** A PSAM of the demo issuer (dictionary parameter issuer_id) for a terminal. */
    public static PsamProfile demo(String terminalId) {
        return new PsamProfile(terminalId, demoIssuerId());
    }

    /** The PSAM of terminal 123456789012. */
    public static PsamProfile demo() {
        return demo(DEMO_TERMINAL_ID);
    }

    /** The demo issuer ID of the dictionary. */
    public static byte[] demoIssuerId() {
        return HexFormat.of()
                .parseHex(Dictionary.standard().parameter("issuer_id").value());
    }

    @Override
    public byte[] issuerId() {
        return issuerId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PsamProfile p && p.terminalId.equals(terminalId) && Arrays.equals(p.issuerId, issuerId);
    }

    @Override
    public int hashCode() {
        return terminalId.hashCode() * 31 + Arrays.hashCode(issuerId);
    }

    @Override
    public String toString() {
        return "PsamProfile[terminalId=" + terminalId + ", issuerId="
                + HexFormat.of().withUpperCase().formatHex(issuerId) + "]";
    }
}
