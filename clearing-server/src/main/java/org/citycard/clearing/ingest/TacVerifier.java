package org.citycard.clearing.ingest;

import java.security.MessageDigest;
import org.citycard.clearing.crypto.HostKeys;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.record.OfflineRecord;
import org.springframework.stereotype.Component;

/**
 * Verifies a purchase record's TAC with the card's DTK (CARD-SPEC §4.1): {@code TAC = MAC(DTK left ⊕ right,
 * amount ‖ type ‖ terminal ID ‖ TTSN ‖ date ‖ time)}, every input taken byte for byte from the record
 * ({@link OfflineRecord#tacInput}).
 */
@Component
public class TacVerifier {
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
        byte[] expected = CardCrypto.tdes().purchaseTac(keys.tacKey(r.asn()), r.tacInput());
        return MessageDigest.isEqual(expected, r.field("tac"));
    }
}
