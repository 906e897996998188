package org.citycard.applet;

import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * The purse transaction log (SFI 18): a cyclic file the card alone appends to; record 1 is the newest. The caller
 * builds the record in place ({@link #nextSlot}) and {@link #commitAppend}s it, both inside its transaction.
 */
public final class CyclicFile extends ElementaryFile {
    private final short recordLength;
    private final byte[] content;
    // [0] index of the newest record, [1] number of records written
    private final byte[] position;

    public CyclicFile(byte sfi, byte readAccess, byte updateAccess, byte recordCount, byte recordLength) {
        super(sfi, NO_FID, readAccess, updateAccess);
        this.recordLength = recordLength;
        content = new byte[(short) (recordCount * recordLength)];
        position = new byte[2];
        position[0] = (byte) (recordCount - 1);
    }

    private short recordCount() {
        return (short) (content.length / recordLength);
    }

    /** The content array, for the caller to build the next record in it at {@link #nextSlot()}. */
    public byte[] content() {
        return content;
    }

    /** Offset of the slot the next record goes to (the oldest one once the file is full). */
    public short nextSlot() {
        return (short) ((short) ((short) (position[0] + 1) % recordCount()) * recordLength);
    }

    /** Makes the record built at {@link #nextSlot()} the newest. Call inside the caller's transaction. */
    public void commitAppend() {
        position[0] = (byte) ((short) (position[0] + 1) % recordCount());
        if ((short) position[1] < recordCount()) {
            position[1]++;
        }
    }

    public short readRecord(short number, byte[] out, short outOff) {
        if (number < 1 || number > (short) position[1]) {
            ISOException.throwIt(CardConstants.SW_RECORD_NOT_FOUND);
        }
        short index = (short) ((short) (position[0] - (short) (number - 1) + recordCount()) % recordCount());
        Util.arrayCopyNonAtomic(content, (short) (index * recordLength), out, outOff, recordLength);
        return recordLength;
    }

    public boolean isComplete() {
        return true;
    }
}
