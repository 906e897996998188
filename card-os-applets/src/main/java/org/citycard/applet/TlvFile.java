package org.citycard.applet;

import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * An SSSE file of TLV records (EF05, EF06): record number = tag, each value of the fixed length the dictionary gives
 * the element. A record is read and written whole, as {@code tag ‖ length ‖ value}.
 */
public final class TlvFile extends ElementaryFile {
    private static final short TL = 2;

    private final byte firstTag;
    private final byte[] lengths;
    private final byte[] content;
    private final boolean[] written;

    public TlvFile(byte sfi, short fid, byte readAccess, byte updateAccess, byte firstTag, byte[] lengths) {
        super(sfi, fid, readAccess, updateAccess);
        this.firstTag = firstTag;
        this.lengths = lengths;
        short size = 0;
        for (short i = 0; i < (short) lengths.length; i++) {
            size += (short) (TL + lengths[i]);
        }
        content = new byte[size];
        written = new boolean[lengths.length];
    }

    /** Index of the record in {@link #lengths}; 6A83 when the file has no such record. */
    private short index(short number) {
        short index = (short) (number - firstTag);
        if (index < 0 || index >= (short) lengths.length) {
            ISOException.throwIt(CardConstants.SW_RECORD_NOT_FOUND);
        }
        return index;
    }

    private short offset(short index) {
        short off = 0;
        for (short i = 0; i < index; i++) {
            off += (short) (TL + lengths[i]);
        }
        return off;
    }

    public short readRecord(short number, byte[] out, short outOff) {
        short index = index(number);
        if (!written[index]) {
            ISOException.throwIt(CardConstants.SW_RECORD_NOT_FOUND);
        }
        short len = (short) (TL + lengths[index]);
        Util.arrayCopyNonAtomic(content, offset(index), out, outOff, len);
        return len;
    }

    public void updateRecord(short number, byte[] in, short inOff, short len) {
        short index = index(number);
        short valueLength = lengths[index];
        if (len != (short) (TL + valueLength)) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
        if (in[inOff] != (byte) number || in[(short) (inOff + 1)] != (byte) valueLength) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
        Util.arrayCopy(in, inOff, content, offset(index), len);
        written[index] = true;
    }

    public boolean isComplete() {
        for (short i = 0; i < (short) written.length; i++) {
            if (!written[i]) {
                return false;
            }
        }
        return true;
    }
}
