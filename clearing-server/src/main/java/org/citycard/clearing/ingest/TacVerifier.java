package org.citycard.clearing.ingest;

import java.security.MessageDigest;
import java.util.Arrays;
import org.citycard.clearing.crypto.HostKeys;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.format.BinaryLayout;
import org.springframework.stereotype.Component;

/**
 * Verifies a purchase record's TAC with the card's DTK (CARD-SPEC §4.1): {@code TAC = MAC(DTK left ⊕ right,
 * amount ‖ type ‖ terminal ID ‖ TTSN ‖ date ‖ time)}, every input taken byte for byte from the record.
 */
@Component
public class TacVerifier {
    private static final BinaryLayout LAYOUT = OfflineRecordCodec.layout();
    private static final int AMOUNT = LAYOUT.offset("amount");
    private static final int AMOUNT_LENGTH = LAYOUT.length("amount");
    private static final int TYPE = LAYOUT.offset("record_type");
    private static final int TERMINAL = LAYOUT.offset("terminal_id");
    private static final int TAIL_LENGTH =
            LAYOUT.offset("transaction_time") + LAYOUT.length("transaction_time") - TERMINAL;
    private static final int TAC = LAYOUT.offset("tac");
    private static final int TAC_LENGTH = LAYOUT.length("tac");

    static {
        // the TAC input's terminal ID, TTSN, date and time must be contiguous in the record for the copy above
        if (LAYOUT.offset("ttsn") != TERMINAL + LAYOUT.length("terminal_id")
                || LAYOUT.offset("transaction_date") != LAYOUT.offset("ttsn") + LAYOUT.length("ttsn")
                || LAYOUT.offset("transaction_time")
                        != LAYOUT.offset("transaction_date") + LAYOUT.length("transaction_date")) {
            throw new IllegalStateException("offline_record: terminal ID, TTSN, date and time are not contiguous");
        }
    }

    private final HostKeys keys;

    public TacVerifier(HostKeys keys) {
        this.keys = keys;
    }

    /** Why the TAC cannot be checked (key version, algorithm), or null when it can. */
    public String unsupported(OfflineRecord r) {
        if (r.algorithmId() != 0) {
            return String.format("algorithm %02X is not implemented (only 00, 3DES)", r.algorithmId());
        }
        if (r.keyVersion() != keys.keyVersion()) {
            return String.format("key version %02X is not the server's (%02X)", r.keyVersion(), keys.keyVersion());
        }
        return null;
    }

    public boolean verify(OfflineRecord r) {
        byte[] raw = r.raw();
        // amount ‖ type ‖ terminal ID ‖ TTSN ‖ date ‖ time; the last four follow each other in the record
        byte[] input = new byte[AMOUNT_LENGTH + 1 + TAIL_LENGTH];
        System.arraycopy(raw, AMOUNT, input, 0, AMOUNT_LENGTH);
        input[AMOUNT_LENGTH] = raw[TYPE];
        System.arraycopy(raw, TERMINAL, input, AMOUNT_LENGTH + 1, TAIL_LENGTH);
        byte[] expected = CardCrypto.tdes().purchaseTac(keys.tacKey(r.asn()), input);
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, TAC, TAC + TAC_LENGTH));
    }
}
