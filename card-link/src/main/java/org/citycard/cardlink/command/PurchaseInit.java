package org.citycard.cardlink.command;

/** The card's answer to INITIALIZE FOR (CAPP) PURCHASE: the counter this purchase will use and its random. */
public record PurchaseInit(
        long balance, int offlineSeq, long overdraftLimit, byte keyVersion, byte algorithm, byte[] random) {
    static PurchaseInit parse(byte[] d, String command) {
        byte[] a = Apdus.slice(d, 0, 15, command);
        return new PurchaseInit(
                Apdus.u32(a, 0),
                Apdus.u16(a, 4),
                ((a[6] & 0xFFL) << 16) | ((a[7] & 0xFF) << 8) | (a[8] & 0xFF),
                a[9],
                a[10],
                Apdus.slice(a, 11, 4, command));
    }

    public byte[] offlineSeqBytes() {
        return new byte[] {(byte) (offlineSeq >> 8), (byte) offlineSeq};
    }
}
