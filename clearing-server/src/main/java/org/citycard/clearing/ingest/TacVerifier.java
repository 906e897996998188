package org.citycard.clearing.ingest;

import java.security.MessageDigest;
import org.citycard.clearing.crypto.CardAlgorithms;
import org.citycard.clearing.crypto.HostKeys;
import org.citycard.clearing.crypto.KeyVersions;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.record.OfflineRecord;
import org.springframework.stereotype.Component;

/**
 * Verifies a purchase record's TAC with the card's DTK (CARD-SPEC §4.1): {@code TAC = MAC(TAC key, amount ‖ type ‖
 * terminal ID ‖ TTSN ‖ date ‖ time)}, every input taken byte for byte from the record ({@link
 * OfflineRecord#tacInput}), in the algorithm of the record's algorithm byte (00 3DES: TAC key DTK left ⊕ right; 04
 * SM4, CARD-SPEC §7: TAC key DTK, SM4 CBC-MAC), which must be the card's as the card registry holds it ({@link
 * CardAlgorithms}), with the master keys of the record's key version (issue 22: one the server holds, never newer than
 * the card registry's version for the card; a retired one only for a card re-keyed since, {@link #retired}).
 */
@Component
public class TacVerifier {
    private final HostKeys keys;
    private final CardAlgorithms algorithms;
    private final KeyVersions keyVersions;

    public TacVerifier(HostKeys keys, CardAlgorithms algorithms, KeyVersions keyVersions) {
        this.keys = keys;
        this.algorithms = algorithms;
        this.keyVersions = keyVersions;
    }

    /**
     * Why the record is refused for its key version (issue 22, quarantine KEY_VERSION_RETIRED): it was made under a
     * retired version by a card still on it (the registry's version for the card is that one, or the card is
     * unknown); null otherwise. A record a card made under a retired version before its re-key verifies as before.
     */
    public String retired(OfflineRecord r) {
        if (!keyVersions.isRetired(r.keyVersion())) {
            return null;
        }
        Integer registered = keyVersions.registered(r.asn()).orElse(null);
        if (registered != null && registered != r.keyVersion()) {
            return null;
        }
        return String.format(
                "the card is still on key version %02X, which is retired: re-key it at a counter", r.keyVersion());
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
        Algorithm alg = Algorithm.fromId((byte) r.algorithmId());
        if (!keys.supports(alg, r.keyVersion())) {
            return String.format("key version %02X is not one the server holds (%s)", r.keyVersion(), keys.versions());
        }
        if (r.keyVersion() != keys.keyVersion()) { // a card of version 01 needs no registry read
            Integer registered = keyVersions.registered(r.asn()).orElse(null);
            if (registered != null && r.keyVersion() > registered) {
                return String.format(
                        "key version %02X is newer than the card's (%02X, as registered)", r.keyVersion(), registered);
            }
        }
        return null;
    }

    /** True when the record's TAC verifies; call only when {@link #unsupported} is null. */
    public boolean verify(OfflineRecord r) {
        Algorithm alg = Algorithm.fromId((byte) r.algorithmId());
        byte[] expected = CardCrypto.of(alg).purchaseTac(keys.tacKey(r.asn(), alg, r.keyVersion()), r.tacInput());
        return MessageDigest.isEqual(expected, r.field("tac"));
    }
}
