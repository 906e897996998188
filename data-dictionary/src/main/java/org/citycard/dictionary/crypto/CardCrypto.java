package org.citycard.dictionary.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.citycard.dictionary.codec.Bcd;

/**
 * The host side of the card cryptography of CARD-SPEC §4 and its SM4 profile (§7), implemented once:
 * diversification, session keys, PBOC MACs, TAC, secure-messaging MAC, encrypted PUT KEY, EXTERNAL and INTERNAL
 * AUTHENTICATE, PIN blocks and the ISO 8583 message MAC. Pinned to the known answers of CARD-SPEC §6 and §7.1 by the
 * tests.
 *
 * <p>Obtain it with {@link #of(Algorithm)}: {@link #tdes()} (algorithm 00: 3DES, 8-byte blocks; MACs are single DES
 * CBC with an 8-byte key, ISO 9797-1 algorithm 3 with a 16-byte key) or {@link #sm4()} (algorithm 04: SM4 of GB/T
 * 32907 by Bouncy Castle's {@code SM4Engine}, 16-byte blocks and keys; MACs are SM4 CBC with a 16-byte ICV). Both
 * have the same methods with the same meaning; what differs is held by a small strategy (the block cipher and its
 * block size). Sizes that depend on the algorithm: {@link #blockSize()} (ICVs, padding, {@link #fullMac} results),
 * session keys (8 bytes for 3DES, 16 for SM4), the TAC key (8 / 16), the EXTERNAL AUTHENTICATE cryptogram and an
 * encrypted PIN block (8 / 16). MAC1, MAC2, TACs and secure-messaging MACs are 4 bytes, the message MAC and the
 * INTERNAL AUTHENTICATE answer 8 bytes, in both.
 *
 * <p>The static helpers {@link #pad}, {@link #keyCheckValue} are the 3DES forms (kept for existing callers); their
 * per-algorithm forms are the instance methods {@link #padBlock} and {@link #checkValue}.
 */
public final class CardCrypto {
    private static final CardCrypto TDES = new CardCrypto(Algorithm.TDES);
    private static final CardCrypto SM4 = new CardCrypto(Algorithm.SM4);
    /** What SM4 appends to an 8-byte block to make one cipher block (CARD-SPEC §7). */
    private static final byte[] EXTENSION = {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0};

    private final Algorithm algorithm;
    private final int block;
    private final byte[] zeroIcv;

    private CardCrypto(Algorithm algorithm) {
        this.algorithm = algorithm;
        this.block = algorithm.blockSize();
        this.zeroIcv = new byte[block];
    }

    /** The crypto of an algorithm ID: 00 3DES or 04 SM4. */
    public static CardCrypto of(Algorithm algorithm) {
        return switch (algorithm) {
            case TDES -> TDES;
            case SM4 -> SM4;
        };
    }

    /** The crypto of the algorithm byte a card answers in INITIALIZE (00 or 04); other values are refused. */
    public static CardCrypto of(byte algorithmId) {
        return of(Algorithm.fromId(algorithmId));
    }

    /** 3DES (algorithm 00). */
    public static CardCrypto tdes() {
        return TDES;
    }

    /** SM4 (algorithm 04, CARD-SPEC §7). */
    public static CardCrypto sm4() {
        return SM4;
    }

    /** The algorithm of this profile. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** The cipher's block size: 8 (3DES) or 16 (SM4); also the size of an ICV. */
    public int blockSize() {
        return block;
    }

    // ------------------------------------------------------------------ primitives

    /**
     * ECB encryption; data a multiple of the block size. 3DES: a 16-byte (3DES) or 8-byte (DES) key; SM4: a 16-byte
     * key.
     */
    public byte[] encryptEcb(byte[] key, byte[] data) {
        return ecb(key, data, true);
    }

    public byte[] decryptEcb(byte[] key, byte[] data) {
        return ecb(key, data, false);
    }

    private byte[] ecb(byte[] key, byte[] data, boolean encrypt) {
        if (data.length % block != 0) {
            throw new IllegalArgumentException(
                    algorithm + " ECB data must be a multiple of " + block + " bytes, is " + data.length);
        }
        BlockCipher c = engine(key);
        c.init(encrypt, new KeyParameter(key));
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i += block) {
            c.processBlock(data, i, out, i);
        }
        return out;
    }

    private BlockCipher engine(byte[] key) {
        if (algorithm == Algorithm.SM4) {
            if (key.length != 16) {
                throw new IllegalArgumentException("an SM4 key is 16 bytes, this one is " + key.length);
            }
            return new SM4Engine();
        }
        return switch (key.length) {
            case 8 -> new DESEngine();
            case 16, 24 -> new DESedeEngine();
            default -> throw new IllegalArgumentException("a DES key is 8 or 16 bytes, this one is " + key.length);
        };
    }

    /** ISO 9797-1 padding method 2 for 3DES: 80 then 00 to a multiple of 8, always. See {@link #padBlock}. */
    public static byte[] pad(byte[] data) {
        return pad(data, 8);
    }

    /** ISO 9797-1 padding method 2 to this algorithm's block: 80 then 00 to a multiple of 8 (3DES) or 16 (SM4). */
    public byte[] padBlock(byte[] data) {
        return pad(data, block);
    }

    private static byte[] pad(byte[] data, int block) {
        int len = (data.length / block + 1) * block;
        byte[] p = Arrays.copyOf(data, len);
        p[data.length] = (byte) 0x80;
        return p;
    }

    /**
     * The full MAC, one block: CBC over the padded data from {@code icv} (one block long). 3DES: 8 bytes; with a
     * 16-byte key ISO 9797-1 algorithm 3 (single-DES CBC with the left half, then decrypt with the right half and
     * encrypt with the left). SM4: the 16-byte last block of SM4 CBC.
     */
    public byte[] fullMac(byte[] key, byte[] icv, byte[] data) {
        checkIcv(icv);
        return fullMac(prepareMacKey(key), icv, data);
    }

    private void checkIcv(byte[] icv) {
        if (icv.length != block) {
            throw new IllegalArgumentException(
                    "the " + algorithm + " ICV is " + block + " bytes, this one is " + icv.length);
        }
    }

    /**
     * A MAC key with its key schedules computed once, for a host that checks many MACs under one key (a card's TAC
     * key across the records of a day). It knows its algorithm: a MAC with a prepared key is always computed with
     * the algorithm that prepared it. It holds key material: it never prints it, and is safe to share between
     * threads (the DES schedules are only read after construction; the SM4 engine, which has a work area, is used
     * under its lock).
     */
    public static final class MacKey {
        private final Algorithm algorithm;
        private final DESEngine left;
        private final DESEngine rightDecrypt;
        private final SM4Engine sm4;

        private MacKey(Algorithm algorithm, byte[] key) {
            this.algorithm = algorithm;
            if (algorithm == Algorithm.SM4) {
                if (key.length != 16) {
                    throw new IllegalArgumentException("an SM4 MAC key is 16 bytes, this one is " + key.length);
                }
                sm4 = new SM4Engine();
                sm4.init(true, new KeyParameter(key));
                left = null;
                rightDecrypt = null;
                return;
            }
            sm4 = null;
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

        /** The algorithm this key was prepared for. */
        public Algorithm algorithm() {
            return algorithm;
        }

        private byte[] mac(byte[] icv, byte[] data) {
            int block = algorithm.blockSize();
            if (icv.length != block) {
                throw new IllegalArgumentException(
                        "the " + algorithm + " ICV is " + block + " bytes, this one is " + icv.length);
            }
            byte[] out = icv.clone();
            byte[] padded = pad(data, block);
            if (sm4 != null) {
                synchronized (sm4) {
                    for (int i = 0; i < padded.length; i += block) {
                        for (int j = 0; j < block; j++) {
                            out[j] ^= padded[i + j];
                        }
                        sm4.processBlock(out, 0, out, 0);
                    }
                }
                return out;
            }
            for (int i = 0; i < padded.length; i += 8) {
                for (int j = 0; j < 8; j++) {
                    out[j] ^= padded[i + j];
                }
                left.processBlock(out, 0, out, 0);
            }
            if (rightDecrypt != null) {
                rightDecrypt.processBlock(out, 0, out, 0);
                left.processBlock(out, 0, out, 0);
            }
            return out;
        }

        @Override
        public String toString() {
            return "MacKey[" + algorithm + ", not shown]";
        }
    }

    /** The key schedules of a MAC key (3DES: 8 or 16 bytes; SM4: 16), for {@link #fullMac(MacKey, byte[], byte[])}. */
    public MacKey prepareMacKey(byte[] key) {
        return new MacKey(algorithm, key);
    }

    /**
     * {@link #fullMac(byte[], byte[], byte[])} with a prepared key, in the key's algorithm (the ICV is one block of
     * it).
     */
    public byte[] fullMac(MacKey key, byte[] icv, byte[] data) {
        return key.mac(icv, data);
    }

    /** The PBOC MAC: the first 4 bytes of {@link #fullMac}. */
    public byte[] mac(byte[] key, byte[] icv, byte[] data) {
        return Arrays.copyOf(fullMac(key, icv, data), 4);
    }

    /** The PBOC MAC with a zero ICV. */
    public byte[] mac(byte[] key, byte[] data) {
        return mac(key, zeroIcv, data);
    }

    /** The PBOC MAC (4 bytes, zero ICV) with a prepared key, in the key's algorithm. */
    public byte[] mac(MacKey key, byte[] data) {
        return Arrays.copyOf(key.mac(new byte[key.algorithm.blockSize()], data), 4);
    }

    // ------------------------------------------------------------------ keys

    /** 3DES: {@code K = 3DES-ECB(MK, D) ‖ 3DES-ECB(MK, NOT D)}; SM4: {@code K = SM4-ECB(MK, D ‖ NOT D)}. */
    public byte[] diversify(byte[] masterKey, byte[] diversifier) {
        if (diversifier.length != 8) {
            throw new IllegalArgumentException("a diversifier is 8 bytes, this one is " + diversifier.length);
        }
        byte[] notD = new byte[8];
        for (int i = 0; i < 8; i++) {
            notD[i] = (byte) ~diversifier[i];
        }
        if (algorithm == Algorithm.SM4) {
            return encryptEcb(len(masterKey, 16, "master key"), concat(diversifier, notD));
        }
        return concat(encryptEcb(masterKey, diversifier), encryptEcb(masterKey, notD));
    }

    /** An 8-byte block as one cipher block: itself (3DES), or extended with 80 00 00 00 00 00 00 00 (SM4, §7). */
    private byte[] extend(byte[] eight) {
        return algorithm == Algorithm.SM4 ? concat(eight, EXTENSION) : eight;
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

    /**
     * {@code SESPK = 3DES-ECB(DPK, random(4) ‖ offline seq(2) ‖ TTSN[2..3])} (8 bytes); SM4: {@code SM4-ECB(DPK,
     * random(4) ‖ offline seq(2) ‖ TTSN[2..3] ‖ 80 00 00 00 00 00 00 00)} (16 bytes).
     */
    public byte[] purchaseSessionKey(byte[] dpk, byte[] random, byte[] offlineSeq, byte[] ttsn) {
        return encryptEcb(
                dpk,
                extend(concat(
                        len(random, 4, "random"),
                        len(offlineSeq, 2, "offline_seq"),
                        Arrays.copyOfRange(len(ttsn, 4, "ttsn"), 2, 4))));
    }

    /**
     * {@code SESLK = 3DES-ECB(DLK, random(4) ‖ online seq(2) ‖ 8000)} (8 bytes); SM4: {@code SM4-ECB(DLK, random(4)
     * ‖ online seq(2) ‖ 8000 ‖ 80 00 00 00 00 00 00 00)} (16 bytes).
     */
    public byte[] loadSessionKey(byte[] dlk, byte[] random, byte[] onlineSeq) {
        return encryptEcb(
                dlk,
                extend(concat(len(random, 4, "random"), len(onlineSeq, 2, "online_seq"), new byte[] {(byte) 0x80, 0})));
    }

    /** The TAC key: DTK left half XOR right half (3DES, 8 bytes); DTK itself (SM4, 16 bytes). */
    public byte[] tacKey(byte[] dtk) {
        if (algorithm == Algorithm.SM4) {
            return len(dtk, 16, "DTK").clone();
        }
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
        return mac(tacKey, tacInput);
    }

    /** {@code TAC = MAC(TAC key, amount ‖ type ‖ terminal ID ‖ TTSN ‖ date ‖ time)}. */
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
     * {@code MAC(key, ICV = challenge(4) ‖ 00…, CLA ‖ INS ‖ P1 ‖ P2 ‖ Lc ‖ data)} (§4.4; the ICV is one block: four 00
     * bytes after the challenge for 3DES, twelve for SM4), where {@code headerAndData} already holds Lc counting the
     * 4 MAC bytes.
     */
    public byte[] secureMessagingMac(byte[] key, byte[] challenge, byte[] headerAndData) {
        return mac(key, Arrays.copyOf(len(challenge, 4, "challenge"), block), headerAndData);
    }

    /** PUT KEY data: ECB(TK, key), 16 bytes in both algorithms. */
    public byte[] encryptKey(byte[] transportKey, byte[] key) {
        return encryptEcb(transportKey, len(key, 16, "key_value"));
    }

    /**
     * EXTERNAL AUTHENTICATE cryptogram: 3DES-ECB(key, the 8-byte challenge), 8 bytes; SM4: SM4-ECB(key, challenge ‖
     * 80 00 00 00 00 00 00 00), 16 bytes (Lc 10).
     */
    public byte[] externalAuthenticate(byte[] key, byte[] challenge) {
        return encryptEcb(key, extend(len(challenge, 8, "challenge")));
    }

    /**
     * Any other 8-byte block the 3DES profile encrypts (a PIN block): 3DES-ECB(key, block), 8 bytes; SM4 (§7):
     * SM4-ECB(key, block ‖ 80 00 00 00 00 00 00 00), 16 bytes.
     */
    public byte[] encryptEightByteBlock(byte[] key, byte[] block8) {
        return encryptEcb(key, extend(len(block8, 8, "block")));
    }

    /** The inverse of {@link #encryptEightByteBlock}: the 8-byte block, once the SM4 extension checks. */
    public byte[] decryptEightByteBlock(byte[] key, byte[] cryptogram) {
        byte[] plain = decryptEcb(key, len(cryptogram, block, "cryptogram"));
        if (algorithm == Algorithm.SM4
                && !java.security.MessageDigest.isEqual(Arrays.copyOfRange(plain, 8, 16), EXTENSION)) {
            Arrays.fill(plain, (byte) 0);
            throw new IllegalArgumentException(
                    "cryptogram: the decrypted SM4 block does not end in 80 00 00 00 00 00 00 00 (wrong key?)");
        }
        return Arrays.copyOf(plain, 8);
    }

    /** The PIN block of {@link #pinBlock} encrypted with {@link #encryptEightByteBlock} (PIN UNBLOCK). */
    public byte[] encryptPinBlock(byte[] key, String pin) {
        byte[] b = pinBlock(pin);
        try {
            return encryptEightByteBlock(key, b);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    /**
     * INTERNAL AUTHENTICATE (CARD-SPEC §4.6): the card's answer to a host challenge, 8 bytes: {@code 3DES-ECB(DIAK,
     * challenge(8))}; SM4: the leftmost 8 bytes of {@code SM4-ECB(DIAK, challenge ‖ 80 00 00 00 00 00 00 00)}. The
     * host derives DIAK with {@link #cardKey}(MIAK, ASN) and compares.
     */
    public byte[] internalAuthenticate(byte[] diak, byte[] challenge) {
        return Arrays.copyOf(encryptEcb(len(diak, 16, "DIAK"), extend(len(challenge, 8, "challenge"))), 8);
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

    /**
     * The 8-byte message MAC of ISO 8583 (iso8583.yaml), zero ICV: the retail MAC with TAK (3DES), the leftmost 8
     * bytes of the SM4 CBC-MAC (SM4).
     */
    public byte[] messageMac(byte[] tak, byte[] packedWithoutMac) {
        return messageMac(prepareMacKey(tak), packedWithoutMac);
    }

    /**
     * {@link #messageMac(byte[], byte[])} with the terminal's TAK prepared once ({@link #prepareMacKey}), in the
     * key's algorithm.
     */
    public byte[] messageMac(MacKey tak, byte[] packedWithoutMac) {
        return Arrays.copyOf(tak.mac(new byte[tak.algorithm.blockSize()], packedWithoutMac), 8);
    }

    /**
     * 3DES key check value: the first 3 bytes of 3DES-ECB(key, 00…00), the only form in which a key is ever shown.
     * The per-algorithm form is {@link #checkValue}.
     */
    public static String keyCheckValue(byte[] key) {
        return TDES.checkValue(key);
    }

    /** This algorithm's key check value: the leftmost 3 bytes of ECB(key, one zero block), hex. */
    public String checkValue(byte[] key) {
        return org.citycard.dictionary.codec.Hex.of(Arrays.copyOf(encryptEcb(key, zeroIcv), 3));
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
