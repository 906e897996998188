package org.citycard.applet;

import javacard.framework.ISOException;

/**
 * An elementary file of an application (card.yaml): its SFI, optional FID and access conditions, as bits of
 * {@code CardConstants.ACC_*}. The default of every operation is "not for this structure" (6985); the subclasses
 * implement the operations of their structure. Writes never open a transaction: the caller decides what has to be
 * atomic with what (a department record is written in the debit's transaction).
 */
public abstract class ElementaryFile {
    /** No FID: the file is reached by its SFI only. */
    public static final short NO_FID = 0;

    final byte sfi;
    final short fid;
    final byte readAccess;
    final byte updateAccess;

    ElementaryFile(byte sfi, short fid, byte readAccess, byte updateAccess) {
        this.sfi = sfi;
        this.fid = fid;
        this.readAccess = readAccess;
        this.updateAccess = updateAccess;
    }

    /** Copies up to {@code max} bytes from {@code offset} to {@code out}; returns how many. */
    public short readBinary(short offset, byte[] out, short outOff, short max) {
        ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        return 0;
    }

    public void updateBinary(short offset, byte[] in, short inOff, short len) {
        ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
    }

    /** Copies record {@code number} to {@code out}; returns its length. */
    public short readRecord(short number, byte[] out, short outOff) {
        ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        return 0;
    }

    public void updateRecord(short number, byte[] in, short inOff, short len) {
        ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
    }

    public void appendRecord(byte[] in, short inOff, short len) {
        ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
    }

    /** True when personalisation has written what END PERSONALIZATION requires of this file. */
    public abstract boolean isComplete();
}
