package org.citycard.dictionary.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.citycard.dictionary.codec.Bcd;

/**
 * The host side of the card cryptography of CARD-SPEC §4, implemented once: diversification, session keys, PBOC
 * MACs (single DES with an 8-byte key, ISO 9797-1 algorithm 3 with a 16-byte key), TAC, secure-messaging MAC,
 * encrypted PUT KEY and PIN blocks. Pinned to the known answers of CARD-SPEC §6 by the tests.
 *
 * <p>Obtain it with {@link #of(Algorithm)}: 3DES is implemented, SM4 (algorithm 04) is reserved and refused with
 * a clear error until it is.
 */
public final class CardCrypto {
    private static final CardCrypto TDES = new CardCrypto();
    private static final byte[] ZERO_ICV = new byte[8];

    private CardCrypto() {}

    /** The crypto of an algorithm ID. */
    public static CardCrypto of(Algorithm algorithm) {
        if (algorithm != Algorithm.TDES) {
            throw new UnsupportedOperationException("algorithm " + String.format("%02X", algorithm.id()) + " ("
                    + algorithm + ") is reserved by the dictionary and not implemented in this release; use 00 (3DES)");
        }
        return TDES;
    }

    /** 3DES, the algorithm of every CityCard card today. */
    public static CardCrypto tdes() {
        return TDES;
    }

    // ------------------------------------------------------------------ primitives

    /** ECB encryption with a 16-byte (3DES) or 8-byte (DES) key; data a multiple of 8 bytes. */
    public byte[] encryptEcb(byte[] key, byte[] data) {
        return ecb(key, data, true);
    }

    public byte[] decryptEcb(byte[] key, byte[] data) {
        return ecb(key, data, false);
    }

    private static byte[] ecb(byte[] key, byte[] data, boolean encrypt) {
        if (data.length % 8 != 0) {
            throw new IllegalArgumentException("ECB data must be a multiple of 8 bytes, is " + data.length);
        }
        BlockCipher c = engine(key);
        c.init(encrypt, new KeyParameter(key));
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i += 8) {
            c.processBlock(data, i, out, i);
        }
        return out;
    }

    private static BlockCipher engine(byte[] key) {
        return switch (key.length) {
            case 8 -> new DESEngine();
            case 16, 24 -> new DESedeEngine();
            default -> throw new IllegalArgumentException("a DES key is 8 or 16 bytes, this one is " + key.length);
        };
    }

    /** ISO 9797-1 padding method 2: 80 then 00 to a multiple of 8, always. */
    public static byte[] pad(byte[] data) {
        int len = (data.length / 8 + 1) * 8;
        byte[] p = Arrays.copyOf(data, len);
        p[data.length] = (byte) 0x80;
        return p;
    }

    /**
     * The full 8-byte MAC: CBC over the padded data from {@code icv}; with a 16-byte key ISO 9797-1 algorithm 3
     * (single-DES CBC with the left half, then decrypt with the right half and encrypt with the left).
     */
    public byte[] fullMac(byte[] key, byte[] icv, byte[] data) {
        if (icv.length != 8) {
            throw new IllegalArgumentException("the ICV is 8 bytes, this one is " + icv.length);
        }
        return fullMac(prepareMacKey(key), icv, data);
    }

    /**
     * A MAC key with its DES key schedules computed once, for a host that checks many MACs under one key (a card's
     * TAC key across the records of a day). It holds key material: it never prints it, and is safe to share between
     * threads (the schedules are only read after construction).
     */
    public static final class MacKey {
        private final DESEngine left;
        private final DESEngine rightDecrypt;

        private MacKey(byte[] key) {
            if (key.length != 8 && key.length != 16) {
                throw new IllegalArgumentException("a MAC key is 8 or 16 bytes, this one is " + key.length);
            }
            left = new DESEngine();
            left.init(true, new KeyParameter(Arrays.copyOf(key, 8)));
            if (key.length == 16) {
                rightDecrypt = new DESEngine();
                rightDecrypt.init(false, new KeyParameter(Arrays.copyOfRange(key, 8, 16)));
            } else {
                rightDecrypt = null;
            }
        }

        @Override
        public String toString() {
            return "MacKey[not shown]";
        }
    }

    /** The key schedules of a MAC key (8 or 16 bytes), for {@link #fullMac(MacKey, byte[], byte[])}. */
    public MacKey prepareMacKey(byte[] key) {
        return new MacKey(key);
    }

    /** {@link #fullMac(byte[], byte[], byte[])} with a prepared key. */
    public byte[] fullMac(MacKey key, byte[] icv, byte[] data) {
        if (icv.length != 8) {
            throw new IllegalArgumentException("the ICV is 8 bytes, this one is " + icv.length);
        }
        byte[] block = icv.clone();
        byte[] padded = pad(data);
        for (int i = 0; i < padded.length; i += 8) {
            for (int j = 0; j < 8; j++) {
                block[j] ^= padded[i + j];
            }
            key.left.processBlock(block, 0, block, 0);
        }
        if (key.rightDecrypt != null) {
            key.rightDecrypt.processBlock(block, 0, block, 0);
            key.left.processBlock(block, 0, block, 0);
        }
        return block;
    }

    /** The PBOC MAC: the first 4 bytes of {@link #fullMac}. */
    public byte[] mac(byte[] key, byte[] icv, byte[] data) {
        return Arrays.copyOf(fullMac(key, icv, data), 4);
    }

    public byte[] mac(byte[] key, byte[] data) {
        return mac(key, ZERO_ICV, data);
    }

    /** The PBOC MAC (4 bytes, zero ICV) with a prepared key. */
    public byte[] mac(MacKey key, byte[] data) {
        return Arrays.copyOf(fullMac(key, ZERO_ICV, data), 4);
    }

    // ------------------------------------------------------------------ keys

    /** {@code K = 3DES-ECB(MK, D) ‖ 3DES-ECB(MK, NOT D)}. */
    public byte[] diversify(byte[] masterKey, byte[] diversifier) {
        if (diversifier.length != 8) {
            throw new IllegalArgumentException("a diversifier is 8 bytes, this one is " + diversifier.length);
        }
        byte[] notD = new byte[8];
        for (int i = 0; i < 8; i++) {
            notD[i] = (byte) ~diversifier[i];
        }
        return concat(encryptEcb(masterKey, diversifier), encryptEcb(masterKey, notD));
    }

    /** The diversifier of an ASN: its rightmost 8 bytes in BCD. */
    public static byte[] asnDiversifier(String asn) {
        byte[] bcd = Bcd.encode("asn", asn, 10);
        return Arrays.copyOfRange(bcd, 2, 10);
    }

    /** A card key of an ASN, e.g. DPK from MPK. */
    public byte[] cardKey(byte[] masterKey, String asn) {
        return diversify(masterKey, asnDiversifier(asn));
    }

    /** The diversifier of a terminal's message key: 00 00 ‖ the terminal ID in BCD. */
    public static byte[] terminalDiversifier(String terminalId) {
        return concat(new byte[2], Bcd.encode("terminal_id", terminalId, 6));
    }

    /** {@code SESPK = 3DES-ECB(DPK, random(4) ‖ offline seq(2) ‖ TTSN[2..3])}. */
    public byte[] purchaseSessionKey(byte[] dpk, byte[] random, byte[] offlineSeq, byte[] ttsn) {
        return encryptEcb(
                dpk,
                concat(
                        len(random, 4, "random"),
                        len(offlineSeq, 2, "offline_seq"),
                        Arrays.copyOfRange(len(ttsn, 4, "ttsn"), 2, 4)));
    }

    /** {@code SESLK = 3DES-ECB(DLK, random(4) ‖ online seq(2) ‖ 8000)}. */
    public byte[] loadSessionKey(byte[] dlk, byte[] random, byte[] onlineSeq) {
        return encryptEcb(
                dlk, concat(len(random, 4, "random"), len(onlineSeq, 2, "online_seq"), new byte[] {(byte) 0x80, 0}));
    }

    /** The TAC key: DTK left half XOR right half. */
    public byte[] tacKey(byte[] dtk) {
        byte[] k = new byte[8];
        for (int i = 0; i < 8; i++) {
            k[i] = (byte) (dtk[i] ^ dtk[i + 8]);
        }
        return k;
    }

    // ------------------------------------------------------------------ purchase (§4.1)

    /** {@code MAC1 = MAC(SESPK, amount ‖ type ‖ terminal ID ‖ date ‖ time)}; type 06, or 09 for a compound purchase. */
    public byte[] purchaseMac1(byte[] sespk, byte[] amount, byte type, byte[] terminalId, byte[] date, byte[] time) {
        return mac(
                sespk,
                concat(
                        len(amount, 4, "amount"),
                        new byte[] {type},
                        len(terminalId, 6, "terminal_id"),
                        len(date, 4, "transaction_date"),
                        len(time, 3, "transaction_time")));
    }

    /** {@code MAC2 = MAC(SESPK, amount)}. */
    public byte[] purchaseMac2(byte[] sespk, byte[] amount) {
        return mac(sespk, len(amount, 4, "amount"));
    }

    /** The TAC key of a card prepared once: for a host verifying many TACs of the same card. */
    public MacKey prepareTacKey(byte[] dtk) {
        return prepareMacKey(tacKey(dtk));
    }

    /**
     * {@link #purchaseTac} with a prepared TAC key ({@link #prepareTacKey}) and the TAC input already laid out:
     * {@code amount(4) ‖ type(1) ‖ terminal ID(6) ‖ TTSN(4) ‖ date(4) ‖ time(3)}, 22 bytes.
     */
    public byte[] purchaseTac(MacKey tacKey, byte[] tacInput) {
        if (tacInput.length != 22) {
            throw new IllegalArgumentException("the TAC input is 22 bytes, this one is " + tacInput.length);
        }
        return Arrays.copyOf(fullMac(tacKey, ZERO_ICV, tacInput), 4);
    }

    /** {@code TAC = MAC(DTK left XOR right, amount ‖ type ‖ terminal ID ‖ TTSN ‖ date ‖ time)}. */
    public byte[] purchaseTac(
            byte[] dtk, byte[] amount, byte type, byte[] terminalId, byte[] ttsn, byte[] date, byte[] time) {
        return mac(
                tacKey(dtk),
                concat(
                        len(amount, 4, "amount"),
                        new byte[] {type},
                        len(terminalId, 6, "terminal_id"),
                        len(ttsn, 4, "ttsn"),
                        len(date, 4, "transaction_date"),
                        len(time, 3, "transaction_time")));
    }

    // ------------------------------------------------------------------ load (§4.2)

    /** {@code MAC1 = MAC(SESLK, balance ‖ amount ‖ 02 ‖ terminal ID)}. */
    public byte[] loadMac1(byte[] seslk, byte[] balance, byte[] amount, byte[] terminalId) {
        return loadMac1(prepareMacKey(seslk), balance, amount, terminalId);
    }

    /** {@link #loadMac1(byte[], byte[], byte[], byte[])} with SESLK prepared once for MAC1 and MAC2. */
    public byte[] loadMac1(MacKey seslk, byte[] balance, byte[] amount, byte[] terminalId) {
        return mac(
                seslk,
                concat(
                        len(balance, 4, "balance"),
                        len(amount, 4, "amount"),
                        new byte[] {0x02},
                        len(terminalId, 6, "terminal_id")));
    }

    /** {@code MAC2 = MAC(SESLK, amount ‖ 02 ‖ terminal ID ‖ date ‖ time)}. */
    public byte[] loadMac2(byte[] seslk, byte[] amount, byte[] terminalId, byte[] date, byte[] time) {
        return loadMac2(prepareMacKey(seslk), amount, terminalId, date, time);
    }

    /** {@link #loadMac2(byte[], byte[], byte[], byte[], byte[])} with SESLK prepared once. */
    public byte[] loadMac2(MacKey seslk, byte[] amount, byte[] terminalId, byte[] date, byte[] time) {
        return mac(
                seslk,
                concat(
                        len(amount, 4, "amount"),
                        new byte[] {0x02},
                        len(terminalId, 6, "terminal_id"),
                        len(date, 4, "transaction_date"),
                        len(time, 3, "transaction_time")));
    }

    /** {@code TAC = MAC(TAC key, new balance ‖ online seq ‖ amount ‖ 02 ‖ terminal ID ‖ date ‖ time)}. */
    public byte[] loadTac(
            byte[] dtk,
            byte[] newBalance,
            byte[] onlineSeq,
            byte[] amount,
            byte[] terminalId,
            byte[] date,
            byte[] time) {
        return mac(
                tacKey(dtk),
                concat(
                        len(newBalance, 4, "balance"),
                        len(onlineSeq, 2, "online_seq"),
                        len(amount, 4, "amount"),
                        new byte[] {0x02},
                        len(terminalId, 6, "terminal_id"),
                        len(date, 4, "transaction_date"),
                        len(time, 3, "transaction_time")));
    }

    // ------------------------------------------------------------------ secure messaging, personalisation, PIN

    /**
     * {@code MAC(key, ICV = challenge(4) ‖ 00000000, CLA ‖ INS ‖ P1 ‖ P2 ‖ Lc ‖ data)} (§4.4), where {@code
     * headerAndData} already holds Lc counting the 4 MAC bytes.
     */
    public byte[] secureMessagingMac(byte[] key, byte[] challenge, byte[] headerAndData) {
        return mac(key, Arrays.copyOf(len(challenge, 4, "challenge"), 8), headerAndData);
    }

    /** PUT KEY data: 3DES-ECB(TK, key). */
    public byte[] encryptKey(byte[] transportKey, byte[] key) {
        return encryptEcb(transportKey, len(key, 16, "key_value"));
    }

    /** EXTERNAL AUTHENTICATE cryptogram: 3DES-ECB(key, the 8-byte challenge). */
    public byte[] externalAuthenticate(byte[] key, byte[] challenge) {
        return encryptEcb(key, len(challenge, 8, "challenge"));
    }

    /**
     * INTERNAL AUTHENTICATE (CARD-SPEC §4.6): the card's answer to a host challenge, {@code 3DES-ECB(DIAK,
     * challenge(8))}. The host derives DIAK with {@link #cardKey}(MIAK, ASN) and compares.
     */
    public byte[] internalAuthenticate(byte[] diak, byte[] challenge) {
        return encryptEcb(len(diak, 16, "DIAK"), len(challenge, 8, "challenge"));
    }

    /** Compares a card's INTERNAL AUTHENTICATE answer with the expected one in constant time. */
    public boolean internalAuthenticateMatches(byte[] diak, byte[] challenge, byte[] cryptogram) {
        byte[] expected = internalAuthenticate(diak, challenge);
        try {
            return cryptogram != null && java.security.MessageDigest.isEqual(expected, cryptogram);
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
    }

    /** The PIN in BCD, F-padded to whole bytes: "123456" → 12 34 56, "12345" → 12 34 5F. */
    public static byte[] pinBcd(String pin) {
        if (pin == null || !pin.matches("\\d{4,12}")) {
            throw new IllegalArgumentException("pin: a PIN is 4 to 12 digits (value not shown)");
        }
        String p = pin.length() % 2 == 0 ? pin : pin + "F";
        byte[] out = new byte[p.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(p.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** PIN block: length in bytes ‖ BCD PIN ‖ 80 00 … to 8 bytes. */
    public static byte[] pinBlock(String pin) {
        byte[] bcd = pinBcd(pin);
        byte[] block = new byte[8];
        block[0] = (byte) bcd.length;
        System.arraycopy(bcd, 0, block, 1, bcd.length);
        block[1 + bcd.length] = (byte) 0x80;
        return block;
    }

    /** The full 8-byte message MAC of ISO 8583 (iso8583.yaml): retail MAC with TAK, zero ICV. */
    public byte[] messageMac(byte[] tak, byte[] packedWithoutMac) {
        return fullMac(tak, ZERO_ICV, packedWithoutMac);
    }

    /** {@link #messageMac(byte[], byte[])} with the terminal's TAK prepared once ({@link #prepareMacKey}). */
    public byte[] messageMac(MacKey tak, byte[] packedWithoutMac) {
        return fullMac(tak, ZERO_ICV, packedWithoutMac);
    }

    /** Key check value: the first 3 bytes of 3DES-ECB(key, 00…00), the only form in which a key is ever shown. */
    public static String keyCheckValue(byte[] key) {
        return org.citycard.dictionary.codec.Hex.of(Arrays.copyOf(TDES.encryptEcb(key, new byte[8]), 3));
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    private static byte[] len(byte[] b, int n, String field) {
        if (b == null || b.length != n) {
            throw new IllegalArgumentException(field + ": must be " + n + " bytes, is " + (b == null ? 0 : b.length));
        }
        return b;
    }
}
