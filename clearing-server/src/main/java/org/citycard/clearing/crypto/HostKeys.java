package org.citycard.clearing.crypto;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;

/**
 * The clearing server's keys (CARD-SPEC §3, DESIGN §3.8): MLK and MTK for the cards' load and TAC keys, of each
 * algorithm the key set holds (3DES always; SM4, CARD-SPEC §7, when the key set has the SM4 MLK and MTK: demo
 * {@code sm4Keys}, key store aliases {@code mlk-sm4}, {@code mtk-sm4}, {@code miak-sm4}), and the local master key LMK
 * under which the terminals' own keys are kept in the database ({@link TerminalKeyService}). The card keys exist in
 * every key version the key set holds (issue 22: {@link KeySet#versions()}, key store aliases {@code mlk-v02},
 * {@code mtk-sm4-v02} …): a card's load and TAC keys come from the master keys of the card's version. No terminal key is
 * derived from a master key here: each terminal has a random TMK of its own. Derived keys are handed to the crypto as
 * byte arrays and never shown; this class has no accessor for a master key and its {@code toString} names only the
 * key set.
 */
public final class HostKeys {
    private static final CardCrypto CRYPTO = CardCrypto.tdes();

    private final KeySet keySet;
    private final Map<Algorithm, PerAlgorithm> byAlgorithm = new EnumMap<>(Algorithm.class);
    /** The card keys of each key version the key set holds, by version then algorithm (its own version: byAlgorithm). */
    private final Map<Integer, Map<Algorithm, PerAlgorithm>> byVersion = new java.util.TreeMap<>();

    private final byte[] lmk;
    private final int keyVersion;
    private final CardPresenceKey cardPresence;

    /** The card keys of one algorithm, with the derived keys of recently seen cards. */
    private static final class PerAlgorithm {
        final CardCrypto crypto;
        final byte[] mlk;
        final byte[] mtk;
        final KeyCache<byte[]> dlkCache = new KeyCache<>(100_000);
        final KeyCache<byte[]> dtkCache = new KeyCache<>(100_000);
        final KeyCache<CardCrypto.MacKey> tacKeyCache = new KeyCache<>(100_000);

        PerAlgorithm(Algorithm alg, byte[] mlk, byte[] mtk) {
            this.crypto = CardCrypto.of(alg);
            this.mlk = mlk;
            this.mtk = mtk;
        }
    }

    public HostKeys(KeySet keySet) {
        this.keySet = keySet;
        byAlgorithm.put(Algorithm.TDES, new PerAlgorithm(Algorithm.TDES, keySet.key("MLK"), keySet.key("MTK")));
        if (keySet.has("MLK", Algorithm.SM4) && keySet.has("MTK", Algorithm.SM4)) {
            byAlgorithm.put(
                    Algorithm.SM4,
                    new PerAlgorithm(
                            Algorithm.SM4, keySet.key("MLK", Algorithm.SM4), keySet.key("MTK", Algorithm.SM4)));
        }
        if (!keySet.has("LMK")) {
            throw new IllegalArgumentException("key set " + keySet.name() + " has no LMK (the local master key that"
                    + " keeps the terminals' keys encrypted in the database): add one to the key store (alias lmk)");
        }
        this.lmk = keySet.key("LMK");
        this.keyVersion = keySet.keyVersion() & 0xFF;
        this.cardPresence = CardPresenceKey.of(keySet);
        byVersion.put(keyVersion, byAlgorithm);
        for (int v : keySet.versions()) {
            if (v == keyVersion) {
                continue;
            }
            KeySet at = keySet.atVersion(v);
            Map<Algorithm, PerAlgorithm> keys = new EnumMap<>(Algorithm.class);
            for (Algorithm alg : Algorithm.values()) {
                if (at.has("MLK", alg) && at.has("MTK", alg)) {
                    keys.put(alg, new PerAlgorithm(alg, at.key("MLK", alg), at.key("MTK", alg)));
                }
            }
            if (!keys.isEmpty()) {
                byVersion.put(v, keys);
            }
        }
    }

    /** The key versions whose MLK and MTK the server holds, ascending (issue 22). */
    public java.util.SortedSet<Integer> versions() {
        return new java.util.TreeSet<>(byVersion.keySet());
    }

    /** The newest key version the server holds. */
    public int newestVersion() {
        return versions().last();
    }

    /** True when the server can verify cards of this algorithm and key version: it holds their MLK and MTK. */
    public boolean supports(Algorithm algorithm, int version) {
        Map<Algorithm, PerAlgorithm> keys = byVersion.get(version);
        return keys != null && keys.containsKey(algorithm);
    }

    /** The MIAK's check of a card's INTERNAL AUTHENTICATE (card-present queries, issue 15). */
    public CardPresenceKey cardPresence() {
        return cardPresence;
    }

    public boolean isDemo() {
        return keySet.isDemo();
    }

    public String keySetName() {
        return keySet.name();
    }

    /** The key version the server's key set holds (byte of the records and load requests). */
    public int keyVersion() {
        return keyVersion;
    }

    /** True when the server can verify cards of this algorithm: it holds that algorithm's MLK and MTK. */
    public boolean supports(Algorithm algorithm) {
        return byAlgorithm.containsKey(algorithm);
    }

    /** True when the key set holds the master key {@code id} (MLK, MTK, MIAK) of the algorithm. */
    public boolean holds(String id, Algorithm algorithm) {
        return switch (id) {
            case "MLK", "MTK" -> supports(algorithm);
            case "MIAK" -> cardPresence.available(algorithm);
            default -> keySet.has(id, algorithm);
        };
    }

    private PerAlgorithm keys(Algorithm algorithm) {
        return keys(algorithm, keyVersion);
    }

    private PerAlgorithm keys(Algorithm algorithm, int version) {
        Map<Algorithm, PerAlgorithm> ofVersion = byVersion.get(version);
        PerAlgorithm k = ofVersion == null ? null : ofVersion.get(algorithm);
        if (k == null) {
            throw new IllegalStateException(String.format(
                    "key set %s holds no %s MLK and MTK of key version %02X (key store aliases %s, %s)",
                    keySet.name(),
                    algorithm,
                    version,
                    KeySet.alias("MLK", algorithm, version),
                    KeySet.alias("MTK", algorithm, version)));
        }
        return k;
    }

    /** DLK of a card of the algorithm and key version. */
    public byte[] dlk(String asn, Algorithm algorithm, int version) {
        PerAlgorithm k = keys(algorithm, version);
        return k.dlkCache.get(asn, a -> k.crypto.cardKey(k.mlk, a));
    }

    /** DTK of a card of the algorithm and key version. */
    public byte[] dtk(String asn, Algorithm algorithm, int version) {
        PerAlgorithm k = keys(algorithm, version);
        return k.dtkCache.get(asn, a -> k.crypto.cardKey(k.mtk, a));
    }

    /** The TAC key of a card of the algorithm and key version, prepared once per card. */
    public CardCrypto.MacKey tacKey(String asn, Algorithm algorithm, int version) {
        PerAlgorithm k = keys(algorithm, version);
        return k.tacKeyCache.get(asn, a -> k.crypto.prepareTacKey(dtk(a, algorithm, version)));
    }

    /** DLK of a 3DES card: the load key. */
    public byte[] dlk(String asn) {
        return dlk(asn, Algorithm.TDES);
    }

    /** DLK of a card of the algorithm. */
    public byte[] dlk(String asn, Algorithm algorithm) {
        PerAlgorithm k = keys(algorithm);
        return k.dlkCache.get(asn, a -> k.crypto.cardKey(k.mlk, a));
    }

    /** DTK of a 3DES card: the TAC key's parent. */
    public byte[] dtk(String asn) {
        return dtk(asn, Algorithm.TDES);
    }

    /** DTK of a card of the algorithm. */
    public byte[] dtk(String asn, Algorithm algorithm) {
        PerAlgorithm k = keys(algorithm);
        return k.dtkCache.get(asn, a -> k.crypto.cardKey(k.mtk, a));
    }

    /** The TAC key of a 3DES card (DTK left ⊕ right) with its DES key schedule, prepared once per card. */
    public CardCrypto.MacKey tacKey(String asn) {
        return tacKey(asn, Algorithm.TDES);
    }

    /** The TAC key of a card of the algorithm (3DES: DTK left ⊕ right; SM4: DTK), prepared once per card. */
    public CardCrypto.MacKey tacKey(String asn, Algorithm algorithm) {
        PerAlgorithm k = keys(algorithm);
        return k.tacKeyCache.get(asn, a -> k.crypto.prepareTacKey(dtk(a, algorithm)));
    }

    /** A terminal key (TMK or TAK) encrypted under the LMK, as the database keeps it. */
    byte[] seal(byte[] key) {
        return CRYPTO.encryptEcb(lmk, key);
    }

    /** The clear key of {@link #seal}; only ever handed to the crypto. */
    byte[] open(byte[] sealed) {
        return CRYPTO.decryptEcb(lmk, sealed);
    }

    @Override
    public String toString() {
        return "HostKeys[" + keySet.name() + (keySet.isDemo() ? ", DEMO KEYS" : "") + ", " + byAlgorithm.keySet()
                + ", key versions " + byVersion.keySet() + "]";
    }

    /**
     * Derived card keys of recently seen cards, so a busy card is not diversified again for every record. Bounded:
     * when full it is emptied and refills with the cards in use (a lock-free read on every record).
     */
    private static final class KeyCache<K> {
        private final int capacity;
        private final Map<String, K> map = new ConcurrentHashMap<>();

        KeyCache(int capacity) {
            this.capacity = capacity;
        }

        K get(String asn, java.util.function.Function<String, K> derive) {
            K k = map.get(asn);
            if (k == null) {
                k = derive.apply(asn);
                if (map.size() >= capacity) {
                    map.clear();
                }
                map.put(asn, k);
            }
            return k;
        }
    }
}
