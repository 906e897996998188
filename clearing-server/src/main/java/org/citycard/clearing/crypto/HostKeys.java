package org.citycard.clearing.crypto;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;

/**
 * The clearing server's keys (CARD-SPEC §3, DESIGN §3.8): MLK and MTK for the cards' load and TAC keys, and the
 * local master key LMK under which the terminals' own keys are kept in the database ({@link TerminalKeyService}).
 * No terminal key is derived from a master key here: each terminal has a random TMK of its own. Derived keys are
 * handed to the crypto as byte arrays and never shown; this class has no accessor for a master key and its
 * {@code toString} names only the key set.
 */
public final class HostKeys {
    private static final CardCrypto CRYPTO = CardCrypto.tdes();

    private final KeySet keySet;
    private final byte[] mlk;
    private final byte[] mtk;
    private final byte[] lmk;
    private final int keyVersion;
    private final CardPresenceKey cardPresence;
    private final KeyCache<byte[]> dlkCache = new KeyCache<>(100_000);
    private final KeyCache<byte[]> dtkCache = new KeyCache<>(100_000);
    private final KeyCache<CardCrypto.MacKey> tacKeyCache = new KeyCache<>(100_000);

    public HostKeys(KeySet keySet) {
        this.keySet = keySet;
        this.mlk = keySet.key("MLK");
        this.mtk = keySet.key("MTK");
        if (!keySet.has("LMK")) {
            throw new IllegalArgumentException("key set " + keySet.name() + " has no LMK (the local master key that"
                    + " keeps the terminals' keys encrypted in the database): add one to the key store (alias lmk)");
        }
        this.lmk = keySet.key("LMK");
        this.keyVersion = keySet.keyVersion() & 0xFF;
        this.cardPresence = CardPresenceKey.of(keySet);
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

    /** DLK of a card: the load key. */
    public byte[] dlk(String asn) {
        return dlkCache.get(asn, a -> CRYPTO.cardKey(mlk, a));
    }

    /** DTK of a card: the TAC key's parent. */
    public byte[] dtk(String asn) {
        return dtkCache.get(asn, a -> CRYPTO.cardKey(mtk, a));
    }

    /** The TAC key of a card (DTK left ⊕ right) with its DES key schedule, prepared once per card. */
    public CardCrypto.MacKey tacKey(String asn) {
        return tacKeyCache.get(asn, a -> CRYPTO.prepareTacKey(dtk(a)));
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
        return "HostKeys[" + keySet.name() + (keySet.isDemo() ? ", DEMO KEYS" : "") + "]";
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
