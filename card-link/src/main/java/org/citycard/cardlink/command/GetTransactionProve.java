package org.citycard.cardlink.command;

import java.util.Optional;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.card.CardCommand;

/**
 * GET TRANSACTION PROVE: the MAC2 and TAC of the transaction that used a counter, or empty (9406) when that
 * transaction did not complete. The answer decides between completing and voiding a money event whose answer
 * was lost.
 */
public final class GetTransactionProve {
    private static final CardCommand CMD = Apdus.command("get_transaction_prove");
    private static final StatusTable TABLE = StatusTable.of(CMD)
            .on(0x6985, Reason.APPLICATION_BLOCKED, "the purse is blocked or not selected", "钱包已锁定或未选择")
            .on(0x6700, Reason.WRONG_LENGTH, "wrong length", "长度错误")
            .on(0x6B00, Reason.WRONG_PARAMETERS, "unknown transaction type", "交易类型错误");

    /** The card's proof of a completed transaction. */
    public record Proof(byte[] mac2, byte[] tac) {}

    private GetTransactionProve() {}

    /**
     * @param type the transaction type byte (02 load, 06 purchase, 09 compound purchase)
     * @param counter the offline seq (purchase) or online seq (load) the transaction used
     */
    public static Optional<Proof> send(ApduTransport t, byte type, int counter) {
        byte[] data = {(byte) (counter >> 8), (byte) counter};
        Response r = Apdus.exchange(t, Apdus.build(CMD, CMD.p1Byte(), type, data, Integer.parseInt(CMD.le(), 16)));
        if (r.sw() == 0x9406) {
            return Optional.empty();
        }
        byte[] d = TABLE.check(r).data();
        return Optional.of(new Proof(Apdus.slice(d, 0, 4, CMD.id()), Apdus.slice(d, 4, 4, CMD.id())));
    }
}
