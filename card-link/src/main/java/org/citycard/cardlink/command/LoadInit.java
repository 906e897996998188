package org.citycard.cardlink.command;

/**
 * The card's answer to INITIALIZE FOR LOAD, kept whole: it travels unchanged as field 48 of the 0100 (layout
 * load_authorisation_request).
 */
public record LoadInit(
        long balance, int onlineSeq, byte keyVersion, byte algorithm, byte[] random, byte[] mac1, byte[] raw) {
    static LoadInit parse(byte[] d, String command) {
        byte[] a = Apdus.slice(d, 0, 16, command);
        return new LoadInit(
                Apdus.u32(a, 0),
                Apdus.u16(a, 4),
                a[6],
                a[7],
                Apdus.slice(a, 8, 4, command),
                Apdus.slice(a, 12, 4, command),
                a);
    }
}
