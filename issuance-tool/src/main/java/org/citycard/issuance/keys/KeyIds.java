package org.citycard.issuance.keys;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeyDefinition;

/** The issuer keys a key store may hold, from the dictionary's key hierarchy (keys.yaml). */
public final class KeyIds {
    /** The clearing server's file-signing keys: asymmetric, in the server's key store, never an issuer key. */
    private static final Set<String> SIGNING_KEYS = Set.of("CFSK", "CFSK_SM2");

    /** The LMK only encrypts keys at rest in the clearing server's database: it has no SM4 form (keys.yaml). */
    private static final Set<String> NO_SM4 = Set.of("LMK");

    private KeyIds() {}

    /** The issuer keys a store may hold in {@code algorithm}: every one in 3DES, all but the LMK in SM4. */
    public static List<String> of(Algorithm algorithm) {
        return masterAndTransport().stream()
                .filter(id -> algorithm != Algorithm.SM4 || !NO_SM4.contains(id))
                .toList();
    }

    /** The id, upper case, when it is an issuer key of {@code algorithm}; else an error naming the ones that are. */
    public static String require(String keyId, Algorithm algorithm) {
        String id = requireMasterOrTransport(keyId);
        if (!of(algorithm).contains(id)) {
            throw new IllegalArgumentException("key '" + keyId + "' has no " + algorithm + " form; the " + algorithm
                    + " keys are " + of(algorithm));
        }
        return id;
    }

    /** The algorithm named on a command line: 3des (or tdes, 00) or sm4 (04). */
    public static Algorithm algorithm(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "3des", "tdes", "00" -> Algorithm.TDES;
            case "sm4", "04" -> Algorithm.SM4;
            default -> throw new IllegalArgumentException(
                    "algorithm '" + name + "': 3des or sm4 (algorithm code table 00 or 04)");
        };
    }

    /** How an algorithm is written for people: 3DES or SM4. */
    public static String label(Algorithm algorithm) {
        return algorithm.label();
    }

    /**
     * Master keys (those that derive a card key, and the server's LMK) and the transport key TK; not the terminals'
     * own keys (made by the server, one per terminal), the demo-only MTMK nor the server's file-signing keys.
     */
    public static List<String> masterAndTransport() {
        return Dictionary.standard().keys().keys().stream()
                .filter(k -> k.masterKey() == null
                        && !"card".equals(k.holder())
                        && !"terminal".equals(k.holder())
                        && !k.holder().startsWith("demo")
                        && !"PIN".equals(k.id())
                        && !SIGNING_KEYS.contains(k.id()))
                .map(KeyDefinition::id)
                .toList();
    }

    public static String requireMasterOrTransport(String keyId) {
        String id = keyId == null ? "" : keyId.strip().toUpperCase(Locale.ROOT);
        if (!masterAndTransport().contains(id)) {
            throw new IllegalArgumentException("key '" + keyId
                    + "' is not an issuer master key or the transport key; one of " + masterAndTransport());
        }
        return id;
    }
}
