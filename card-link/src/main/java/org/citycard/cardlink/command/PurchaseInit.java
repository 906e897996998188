package org.citycard.cardlink.command;

import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.record.PurchaseInitAnswer;

/**
 * The card's answer to INITIALIZE FOR (CAPP) PURCHASE: the counter this purchase will use and its random (layout
 * purchase_init_answer, read by the dictionary's {@link PurchaseInitAnswer}).
 */
public record PurchaseInit(
        long balance, int offlineSeq, long overdraftLimit, byte keyVersion, byte algorithm, byte[] random) {
    static PurchaseInit parse(byte[] d, String command) {
        PurchaseInitAnswer a = PurchaseInitAnswer.decode(Apdus.slice(d, 0, PurchaseInitAnswer.SIZE, command));
        return new PurchaseInit(
                a.balance(),
                a.offlineSeq(),
                a.overdraftLimit(),
                (byte) a.keyVersion(),
                (byte) a.algorithmId(),
                Hex.parse("random", a.random()));
    }

    /** The offline counter as the card sent it (it enters MAC1 and the session key). */
    public byte[] offlineSeqBytes() {
        return new PurchaseInitAnswer(
                        balance, offlineSeq, overdraftLimit, keyVersion & 0xFF, algorithm & 0xFF, Hex.of(random))
                .field("offline_seq");
    }
}
