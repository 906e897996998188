package org.citycard.clearing.ingest;

import java.security.MessageDigest;
import org.citycard.clearing.crypto.CardAlgorithms;
import org.citycard.clearing.crypto.HostKeys;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.record.OfflineRecord;
import org.springframework.stereotype.Component;

/**
 * Verifies a purchase record's TAC with the card's DTK (CARD-SPEC §4.1): {@code TAC = MAC(TAC key, amount ‖ type ‖
 * terminal ID ‖ TTSN ‖ date ‖ time)}, every input taken byte for byte from the record ({@link
 * OfflineRecord#tacInput}), in the algorithm of the record's algorithm byte (00 3DES: TAC key DTK left ⊕ right; 04
 * SM4, CARD-SPEC §7: TAC key DTK, SM4 CBC-MAC), which must be the card's as the card registry holds it ({@link
 * CardAlgorithms}).
 */
@Component
public class TacVerifier {
    private final HostKeys keys;
    private final CardAlgorithms algorithms;

    public TacVerifier(HostKeys keys, CardAlgorithms algorithms) {
        this.keys = keys;
        this.algorithms = algorithms;
    }

    /**
     * Why the TAC cannot be checked (an algorithm outside the table, not the card's, or whose MTK the server does
     * not hold; a key version not the server's), or null when it can.
     */
    public String unsupported(OfflineRecord r) {
        String algorithm = algorithms.mismatch(r.asn(), r.algorithmId(), keys, "MTK");
        if (algorithm != null) {
            return algorithm;
        }
        if (r.keyVersion() != keys.keyVersion()) {
            return String.format("key version %02X is not the server's (%02X)", r.keyVersion(), keys.keyVersion());
        }
        return null;
    }

    /** True when the record's TAC verifies; call only when {@link #unsupported} is null. */
    public boolean verify(OfflineRecord r) {
        Algorithm alg = Algorithm.fromId((byte) r.algorithmId());
        byte[] expected = CardCrypto.of(alg).purchaseTac(keys.tacKey(r.asn(), alg), r.tacInput());
        return MessageDigest.isEqual(expected, r.field("tac"));
    }
}
