package org.citycard.dictionary.record;

import java.security.MessageDigest;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.format.BinaryCodec;
import org.citycard.dictionary.validate.ValidationException;

/**
 * The working key of a sign-on answer (layout {@code sign_on_keys}, field 48 of an approved 0810): the new TAK
 * encrypted under the terminal's TMK and the TAK's check value. The terminal takes the key only when the check
 * value of what it decrypted matches, so a block made under another terminal's TMK is refused. The TAK is of the
 * TMK's algorithm (3DES: 3DES-ECB(TMK, TAK) and the 3DES check value; SM4: SM4-ECB(TMK, TAK), one block, and the SM4
 * check value); the layout is the same 16 + 3 bytes.
 */
public record WorkingKeyBlock(byte[] takUnderTmk, byte[] checkValue) {
    public static final BinaryCodec CODEC = BinaryCodec.of("sign_on_keys");
    public static final int SIZE = CODEC.size();

    public WorkingKeyBlock {
        takUnderTmk = takUnderTmk.clone();
        checkValue = checkValue.clone();
    }

    /** The block the host sends: {@code tak} encrypted under a 3DES {@code tmk}, with the TAK's check value. */
    public static WorkingKeyBlock seal(byte[] tmk, byte[] tak) {
        return seal(Algorithm.TDES, tmk, tak);
    }

    /** {@link #seal(byte[], byte[])} for a TMK and TAK of the algorithm. */
    public static WorkingKeyBlock seal(Algorithm algorithm, byte[] tmk, byte[] tak) {
        CardCrypto c = CardCrypto.of(algorithm);
        return new WorkingKeyBlock(c.encryptEcb(tmk, tak), Hex.parse("kcv", c.checkValue(tak)));
    }

    public static WorkingKeyBlock decode(byte[] field48) {
        BinaryCodec.Values v = CODEC.decode(field48);
        return new WorkingKeyBlock(v.bytes("tak_under_tmk"), v.bytes("tak_check_value"));
    }

    public byte[] bytes() {
        return CODEC.writer()
                .put("tak_under_tmk", Hex.of(takUnderTmk))
                .put("tak_check_value", Hex.of(checkValue))
                .encode();
    }

    /** The TAK in clear under a 3DES TMK, once its check value matches; the error names the rule, never a key. */
    public byte[] open(byte[] tmk) {
        return open(Algorithm.TDES, tmk);
    }

    /** {@link #open(byte[])} for a TMK of the algorithm. */
    public byte[] open(Algorithm algorithm, byte[] tmk) {
        CardCrypto c = CardCrypto.of(algorithm);
        byte[] tak = c.decryptEcb(tmk, takUnderTmk);
        byte[] kcv = Hex.parse("kcv", c.checkValue(tak));
        if (!MessageDigest.isEqual(kcv, checkValue)) {
            java.util.Arrays.fill(tak, (byte) 0);
            throw new ValidationException(
                    "sign_on_keys.tak_check_value",
                    Hex.of(checkValue),
                    "the TAK decrypted with this terminal's TMK does not have this check value: the key was not"
                            + " made for this terminal's TMK");
        }
        return tak;
    }

    /** The check value as hex (the only way a key is shown). */
    public String checkValueHex() {
        return Hex.of(checkValue);
    }

    @Override
    public String toString() {
        return "WorkingKeyBlock[kcv " + checkValueHex() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkingKeyBlock w
                && java.util.Arrays.equals(takUnderTmk, w.takUnderTmk)
                && java.util.Arrays.equals(checkValue, w.checkValue);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(takUnderTmk) * 31 + java.util.Arrays.hashCode(checkValue);
    }
}
