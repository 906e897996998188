package org.citycard.cardlink.command;

import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.record.LoadInitAnswer;

/**
 * The card's answer to INITIALIZE FOR LOAD, kept whole: it travels unchanged as field 48 of the 0100 (layout
 * load_authorisation_request, read by the dictionary's {@link LoadInitAnswer}).
 */
public record LoadInit(
        long balance, int onlineSeq, byte keyVersion, byte algorithm, byte[] random, byte[] mac1, byte[] raw) {
    static LoadInit parse(byte[] d, String command) {
        byte[] a = Apdus.slice(d, 0, LoadInitAnswer.SIZE, command);
        LoadInitAnswer answer = LoadInitAnswer.decode(a);
        return new LoadInit(
                answer.balance(),
                answer.onlineSeq(),
                (byte) answer.keyVersion(),
                (byte) answer.algorithmId(),
                Hex.parse("random", answer.random()),
                Hex.parse("mac1", answer.mac1()),
                a);
    }
}
