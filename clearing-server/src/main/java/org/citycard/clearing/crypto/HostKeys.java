package org.citycard.clearing.crypto;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;

/**
 * The clearing server's keys (CARD-SPEC §3): MLK and MTK for the cards' load and TAC keys, MTAK for the terminals'
 * message keys. Derived keys are handed to the crypto as byte arrays and never shown; this class has no accessor
 * for a master key and its {@code toString} names only the key set.
 */
public final class HostKeys {
    private static final CardCrypto CRYPTO = CardCrypto.tdes();

    private final KeySet keySet;
    private final byte[] mlk;
    private final byte[] mtk;
    private final byte[] mtak;
    private final Map<String, byte[]> takCache = new ConcurrentHashMap<>();

    public HostKeys(KeySet keySet) {
        this.keySet = keySet;
        this.mlk = keySet.key("MLK");
        this.mtk = keySet.key("MTK");
        this.mtak = keySet.key("MTAK");
    }

    public boolean isDemo() {
        return keySet.isDemo();
    }

    public String keySetName() {
        return keySet.name();
    }

    /** The key version the server's key set holds (byte of the records and load requests). */
    public int keyVersion() {
        return keySet.keyVersion() & 0xFF;
    }

    /** DLK of a card: the load key. */
    public byte[] dlk(String asn) {
        return CRYPTO.cardKey(mlk, asn);
    }

    /** DTK of a card: the TAC key's parent. */
    public byte[] dtk(String asn) {
        return CRYPTO.cardKey(mtk, asn);
    }

    /** TAK of a terminal: the ISO 8583 message MAC key. */
    public byte[] tak(String terminalId) {
        return takCache.computeIfAbsent(terminalId, id -> CRYPTO.diversify(mtak, CardCrypto.terminalDiversifier(id)));
    }

    @Override
    public String toString() {
        return "HostKeys[" + keySet.name() + (keySet.isDemo() ? ", DEMO KEYS" : "") + "]";
    }
}
