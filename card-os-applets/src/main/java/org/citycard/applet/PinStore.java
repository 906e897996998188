package org.citycard.applet;

import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * A cardholder PIN (library code; on the citizen card the purse owns the one instance and shares it with the SSSE
 * through {@code org.citycard.applet.purse.CardholderServices}): the PIN block ({@code length ‖ BCD PIN ‖ 80 00 …}), the
 * try limit and the tries left (persistent), and the "verified" flag (RAM, cleared at power-up). The try counter is
 * decremented before every comparison, by a single-byte write outside any transaction, so a tear or an abort never
 * gives a try back.
 */
public final class PinStore {
    private static final short BLOCK = 8;
    private static final byte PIN_PAD = (byte) 0x80;
    private static final byte ODD_DIGIT_FILLER = 0x0F;
    /** The tries left travel in the low nibble of 63Cx. */
    private static final byte MAX_TRY_LIMIT = 0x0F;
    // persistent state indexes
    private static final short LIMIT = 0;
    private static final short TRIES = 1;
    private static final short INSTALLED = 2;

    private final byte[] pinBlock;
    private final byte[] counters;
    private final boolean[] validated;
    private final byte[] candidate;

    /** Allocates the PIN's persistent and RAM state; call at install. */
    public PinStore() {
        pinBlock = new byte[BLOCK];
        counters = new byte[3];
        validated = JCSystem.makeTransientBooleanArray((short) 1, JCSystem.CLEAR_ON_RESET);
        candidate = JCSystem.makeTransientByteArray(BLOCK, JCSystem.CLEAR_ON_DESELECT);
    }

    public boolean isInstalled() {
        return counters[INSTALLED] != 0;
    }

    public boolean isPinValidated() {
        return validated[0];
    }

    public short pinStatus() {
        if (!isInstalled()) {
            return CardConstants.SW_CONDITIONS_NOT_SATISFIED;
        }
        if (validated[0]) {
            return CardConstants.SW_OK;
        }
        return triesStatus();
    }

    private short triesStatus() {
        if (counters[TRIES] == 0) {
            return CardConstants.SW_PIN_BLOCKED;
        }
        return (short) (CardConstants.SW_PIN_TRIES_LEFT | counters[TRIES]);
    }

    public short verifyPin(byte[] buf, short off, short len) {
        if (!isInstalled()) {
            return CardConstants.SW_CONDITIONS_NOT_SATISFIED;
        }
        if (len < CardConstants.PIN_MIN_BYTES || len > CardConstants.PIN_MAX_BYTES) {
            return CardConstants.SW_WRONG_LENGTH;
        }
        if (!isWellFormedPin(buf, off, len)) {
            return CardConstants.SW_WRONG_DATA;
        }
        if (counters[TRIES] == 0) {
            return CardConstants.SW_PIN_BLOCKED;
        }
        validated[0] = false;
        counters[TRIES]--; // before the comparison, never rolled back
        toBlock(buf, off, len, candidate);
        boolean match = Util.arrayCompare(candidate, (short) 0, pinBlock, (short) 0, BLOCK) == 0;
        Util.arrayFillNonAtomic(candidate, (short) 0, BLOCK, (byte) 0);
        if (!match) {
            return triesStatus();
        }
        counters[TRIES] = counters[LIMIT];
        validated[0] = true;
        return CardConstants.SW_OK;
    }

    /** VERIFY as a command of the calling applet: throws the status word unless the PIN matched. */
    public void verifyOrThrow(byte[] buf, short off, short len) {
        short sw = verifyPin(buf, off, len);
        if (sw != CardConstants.SW_OK) {
            ISOException.throwIt(sw);
        }
    }

    /** Sets a new PIN (plain BCD) and gives all tries back. Call inside the caller's transaction. */
    public void setPin(byte[] buf, short off, short len) {
        toBlock(buf, off, len, candidate);
        setBlock(candidate, (short) 0, counters[LIMIT]);
        Util.arrayFillNonAtomic(candidate, (short) 0, BLOCK, (byte) 0);
    }

    /** Refuses a PIN block or a try limit {@link #setBlock} would not take with 6A80. Call before the transaction. */
    public static void checkBlock(byte[] block, short off, byte tryLimit) {
        if (!isWellFormedBlock(block, off) || tryLimit < 1 || tryLimit > MAX_TRY_LIMIT) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
    }

    /** Installs a PIN block (PUT KEY 10 after decryption, PIN UNBLOCK) and its try limit; 6A80 when malformed. */
    public void setBlock(byte[] block, short off, byte tryLimit) {
        checkBlock(block, off, tryLimit);
        Util.arrayCopy(block, off, pinBlock, (short) 0, BLOCK);
        counters[LIMIT] = tryLimit;
        counters[TRIES] = tryLimit;
        counters[INSTALLED] = 1;
    }

    /** The try limit set at personalisation. */
    public byte tryLimit() {
        return counters[LIMIT];
    }

    /** A BCD PIN of 2–6 bytes; the last nibble may be the filler F of an odd number of digits. */
    public static boolean isWellFormedPin(byte[] buf, short off, short len) {
        if (len < CardConstants.PIN_MIN_BYTES || len > CardConstants.PIN_MAX_BYTES) {
            return false;
        }
        short last = (short) (off + len - 1);
        if (!ByteMath.isBcd(buf, off, (short) (len - 1)) || (short) ((buf[last] >> 4) & 0x0F) > 9) {
            return false;
        }
        short low = (short) (buf[last] & 0x0F);
        return low <= 9 || low == ODD_DIGIT_FILLER;
    }

    /** A PIN block: length ‖ BCD PIN ‖ 80 ‖ 00 … (8 bytes). */
    public static boolean isWellFormedBlock(byte[] block, short off) {
        short len = block[(short) (off + CardConstants.OFF_PIN_BLOCK_PIN_LENGTH_BYTES)];
        short pin = (short) (off + CardConstants.OFF_PIN_BLOCK_PIN_AND_PADDING);
        if (!isWellFormedPin(block, pin, len)) {
            return false;
        }
        short pad = (short) (pin + len);
        return block[pad] == PIN_PAD
                && ByteMath.allEqual(block, (short) (pad + 1), (short) (off + BLOCK - pad - 1), (byte) 0);
    }

    private static void toBlock(byte[] buf, short off, short len, byte[] out) {
        Util.arrayFillNonAtomic(out, (short) 0, BLOCK, (byte) 0);
        out[CardConstants.OFF_PIN_BLOCK_PIN_LENGTH_BYTES] = (byte) len;
        Util.arrayCopyNonAtomic(buf, off, out, CardConstants.OFF_PIN_BLOCK_PIN_AND_PADDING, len);
        out[(short) (CardConstants.OFF_PIN_BLOCK_PIN_AND_PADDING + len)] = PIN_PAD;
    }
}
