package org.citycard.applet;

import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * A linear file of fixed-length records (SSSE EF07, purse SFI 17). Records are bound to a code table of the
 * dictionary by their first bytes ({@code cardRecord}): EF07 record n holds the insurance type of record n, a
 * department record starts with one of the categories of record n. A record never written reads 6A83.
 */
public final class RecordFile extends ElementaryFile {
    private final short recordLength;
    private final byte[] boundCodes;
    private final byte[] boundRecords;
    private final short codeOffset;
    private final short codeLength;
    private final byte[] content;
    private final boolean[] written;

    /**
     * @param boundCodes the code table, {@code codeLength} bytes per code, or null for records bound to nothing
     * @param boundRecords the record number of each code ({@code boundRecords[i]} for the code at {@code i})
     * @param codeOffset where in a record its code is
     */
    public RecordFile(
            byte sfi,
            short fid,
            byte readAccess,
            byte updateAccess,
            byte recordCount,
            byte recordLength,
            byte[] boundCodes,
            byte[] boundRecords,
            short codeOffset,
            short codeLength) {
        super(sfi, fid, readAccess, updateAccess);
        this.recordLength = recordLength;
        this.boundCodes = boundCodes;
        this.boundRecords = boundRecords;
        this.codeOffset = codeOffset;
        this.codeLength = codeLength;
        content = new byte[(short) (recordCount * recordLength)];
        written = new boolean[recordCount];
    }

    public short recordLength() {
        return recordLength;
    }

    /** Offset of record {@code number} (1-based); 6A83 outside the file. */
    public short offsetOf(short number) {
        if (number < 1 || number > (short) written.length) {
            ISOException.throwIt(CardConstants.SW_RECORD_NOT_FOUND);
        }
        return (short) ((short) (number - 1) * recordLength);
    }

    /** The record's first byte (a department record's category), 0 when never written. */
    public byte firstByte(short number) {
        return content[offsetOf(number)];
    }

    public short readRecord(short number, byte[] out, short outOff) {
        short off = offsetOf(number);
        if (!written[(short) (number - 1)]) {
            ISOException.throwIt(CardConstants.SW_RECORD_NOT_FOUND);
        }
        Util.arrayCopyNonAtomic(content, off, out, outOff, recordLength);
        return recordLength;
    }

    /** True when the record has been written. */
    public boolean isWritten(short number) {
        offsetOf(number);
        return written[(short) (number - 1)];
    }

    /** The checks of {@link #updateRecord}, without writing: 6A83, 6700 or 6A80 when the record would be refused. */
    public void checkUpdate(short number, byte[] in, short inOff, short len) {
        offsetOf(number);
        if (len != recordLength) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
        if (!isBound(number, in, inOff)) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
    }

    public void updateRecord(short number, byte[] in, short inOff, short len) {
        checkUpdate(number, in, inOff, len);
        Util.arrayCopy(in, inOff, content, offsetOf(number), len);
        written[(short) (number - 1)] = true;
    }

    /** EF07 APPEND RECORD: replaces the record of the same insurance type (the record bound to that type). */
    public void appendRecord(byte[] in, short inOff, short len) {
        if (len != recordLength) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
        for (short number = 1; number <= (short) written.length; number++) {
            if (isBound(number, in, inOff)) {
                updateRecord(number, in, inOff, len);
                return;
            }
        }
        ISOException.throwIt(CardConstants.SW_WRONG_DATA);
    }

    /** True when the code at {@link #codeOffset} of the record is the one bound to record {@code number}. */
    private boolean isBound(short number, byte[] in, short inOff) {
        if (boundRecords == null) {
            return true;
        }
        for (short i = 0; i < (short) boundRecords.length; i++) {
            if (boundRecords[i] == (byte) number
                    && Util.arrayCompare(
                                    boundCodes, (short) (i * codeLength), in, (short) (inOff + codeOffset), codeLength)
                            == 0) {
                return true;
            }
        }
        return false;
    }

    /** Optional records: a holder may have no insurance and no department data yet. */
    public boolean isComplete() {
        return true;
    }
}
