package org.citycard.dictionary.iso8583;

import java.security.MessageDigest;
import java.util.Arrays;
import org.citycard.dictionary.crypto.CardCrypto;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * The message MAC of iso8583.yaml: the last field (64, or 128 with a secondary bitmap) holds the retail MAC with
 * the terminal's TAK over the packed message without its last 8 bytes (SM4 TAK: the leftmost 8 bytes of the SM4
 * CBC-MAC). The {@code byte[]} forms are 3DES; the {@link CardCrypto.MacKey} forms MAC in the key's algorithm.
 */
public final class MessageMacs {
    private MessageMacs() {}

    /** The MAC field this message uses: 128 when any field above 64 is present, else 64. */
    public static int macField(ISOMsg m) {
        for (int i = 65; i < 128; i++) {
            if (m.hasField(i)) {
                return 128;
            }
        }
        return 64;
    }

    /** Sets the MAC field of a message whose packager is set. */
    public static void sign(ISOMsg m, byte[] tak) throws ISOException {
        signAndPack(m, CardCrypto.tdes().prepareMacKey(tak));
    }

    /** {@link #sign(ISOMsg, byte[])} with the TAK prepared once ({@link CardCrypto#prepareMacKey}). */
    public static void sign(ISOMsg m, CardCrypto.MacKey tak) throws ISOException {
        signAndPack(m, tak);
    }

    /**
     * Sets the MAC field and returns the packed message, packing it once: the MAC is the last 8 bytes of the packed
     * message, so it is computed over the message packed with a zero MAC and written over those bytes.
     */
    public static byte[] signAndPack(ISOMsg m, CardCrypto.MacKey tak) throws ISOException {
        int field = macField(m);
        m.unset(field == 64 ? 128 : 64);
        m.set(field, new byte[8]);
        byte[] packed = m.pack();
        byte[] mac = CardCrypto.tdes().messageMac(tak, Arrays.copyOf(packed, packed.length - 8));
        m.set(field, mac);
        System.arraycopy(mac, 0, packed, packed.length - 8, 8);
        return packed;
    }

    /** Sets eight 00 bytes as the MAC, for answers the host cannot authenticate (97, 30, 63). */
    public static void zeroMac(ISOMsg m) {
        int field = macField(m);
        m.unset(field == 64 ? 128 : 64);
        m.set(field, new byte[8]);
    }

    /** {@link #verify(byte[], byte[])} with the TAK prepared once. */
    public static boolean verify(byte[] packed, CardCrypto.MacKey tak) {
        if (packed.length < 8 + 4) {
            return false;
        }
        byte[] expected = CardCrypto.tdes().messageMac(tak, Arrays.copyOf(packed, packed.length - 8));
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(packed, packed.length - 8, packed.length));
    }

    /** True when the packed message's last 8 bytes are its MAC under {@code tak}; constant-time compare. */
    public static boolean verify(byte[] packed, byte[] tak) {
        return packed.length >= 8 + 4 && verify(packed, CardCrypto.tdes().prepareMacKey(tak));
    }
}
