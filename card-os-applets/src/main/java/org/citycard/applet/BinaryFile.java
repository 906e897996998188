package org.citycard.applet;

import javacard.framework.ISOException;
import javacard.framework.Util;

/** A transparent file of fixed size (purse SFI 15 and 16, PSAM SFI 16 and 17). */
public final class BinaryFile extends ElementaryFile {
    private final byte[] content;
    private boolean written;

    public BinaryFile(byte sfi, byte readAccess, byte updateAccess, short size) {
        super(sfi, NO_FID, readAccess, updateAccess);
        content = new byte[size];
    }

    public short size() {
        return (short) content.length;
    }

    /** The content, for the applet's own use (the FCI, the ASN, the terminal ID). */
    public byte[] content() {
        return content;
    }

    public short readBinary(short offset, byte[] out, short outOff, short max) {
        if (offset < 0 || offset >= (short) content.length) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        short len = (short) (content.length - offset);
        if (max < len) {
            len = max;
        }
        Util.arrayCopyNonAtomic(content, offset, out, outOff, len);
        return len;
    }

    public void updateBinary(short offset, byte[] in, short inOff, short len) {
        if (offset < 0 || offset >= (short) content.length) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        if (len == 0 || (short) (offset + len) > (short) content.length) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
        Util.arrayCopy(in, inOff, content, offset, len);
        written = true;
    }

    public boolean isComplete() {
        return written;
    }
}
