package org.citycard.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The elementary files of one application and the ISO file commands over them: SELECT by FID, READ BINARY, READ
 * RECORD, UPDATE BINARY / RECORD (plain in PERSONALIZATION, with secure messaging once issued) and APPEND RECORD.
 * Access conditions come from the dictionary ({@code READ_ACCESS_*}, {@code UPDATE_ACCESS_*}) and are decided here,
 * with the applet's state.
 */
public final class FileSystem {
    private static final byte SFI_MASK = 0x1F;
    private static final byte P1_SFI_FLAG = (byte) 0x80;
    private static final byte P1_SFI_RESERVED = 0x60;
    private static final byte P2_RECORD_MODE_MASK = 0x07;
    private static final byte P2_RECORD_BY_NUMBER = 0x04;
    private static final byte P2_APPEND_MODE = 0x00;
    private static final short NONE = -1;

    private final CityCardApplet owner;
    private final ElementaryFile[] files;
    private final short[] current;
    private short count;

    FileSystem(CityCardApplet owner, short capacity) {
        this.owner = owner;
        files = new ElementaryFile[capacity];
        current = JCSystem.makeTransientShortArray((short) 1, JCSystem.CLEAR_ON_DESELECT);
    }

    /** Adds a file at install time. */
    public void add(ElementaryFile file) {
        files[count] = file;
        count++;
    }

    /** True when every file has what END PERSONALIZATION requires. */
    public boolean isComplete() {
        for (short i = 0; i < count; i++) {
            if (!files[i].isComplete()) {
                return false;
            }
        }
        return true;
    }

    private ElementaryFile bySfi(short sfi) {
        for (short i = 0; i < count; i++) {
            if (files[i].sfi == (byte) sfi) {
                return files[i];
            }
        }
        ISOException.throwIt(CardConstants.SW_FILE_NOT_FOUND);
        return null;
    }

    private ElementaryFile currentFile() {
        short index = (short) (current[0] - 1); // stored + 1 so that the cleared RAM value means "none"
        if (index == NONE) {
            ISOException.throwIt(CardConstants.SW_FILE_NOT_FOUND);
        }
        return files[index];
    }

    /** SELECT by FID {@code 00 A4 02 00 02 FID}: the current file of READ / UPDATE with SFI 0. */
    void selectFile(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireP1P2(buf, CardConstants.P1_SELECT_FILE, CardConstants.P2_SELECT_FILE);
        Apdus.receiveExactly(apdu, CardConstants.LC_SELECT_FILE);
        short fid = Util.getShort(buf, ISO7816.OFFSET_CDATA);
        for (short i = 0; i < count; i++) {
            if (files[i].fid != ElementaryFile.NO_FID && files[i].fid == fid) {
                current[0] = (short) (i + 1);
                return;
            }
        }
        ISOException.throwIt(CardConstants.SW_FILE_NOT_FOUND);
    }

    /** READ BINARY: {@code P1 = 80 + SFI, P2 = offset}, or P1P2 = offset in the current file. */
    public void readBinary(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_ISO);
        ElementaryFile file = binaryTarget(buf);
        short offset = binaryOffset(buf);
        requireRead(file);
        requireNoData(apdu);
        short le = apdu.setOutgoing();
        short len = file.readBinary(offset, buf, (short) 0, le);
        apdu.setOutgoingLength(len);
        apdu.sendBytes((short) 0, len);
    }

    /** READ RECORD: {@code P1 = record number, P2 = SFI × 8 + 4}; Le 00 (or the record length) reads it whole. */
    public void readRecord(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_ISO);
        ElementaryFile file = recordTarget(buf, P2_RECORD_BY_NUMBER);
        short number = (short) (buf[ISO7816.OFFSET_P1] & 0xFF);
        requireRead(file);
        requireNoData(apdu);
        short le = apdu.setOutgoing();
        short len = file.readRecord(number, buf, (short) 0);
        if (le < len) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
        apdu.setOutgoingLength(len);
        apdu.sendBytes((short) 0, len);
    }

    /**
     * UPDATE BINARY ({@code D6}) or UPDATE RECORD ({@code DC}): CLA 00 plain during personalisation, CLA 04 with
     * secure messaging (DAMK) once issued. The new content replaces the old in one transaction.
     */
    public void update(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requireUpdateState(buf);
        boolean binary = buf[ISO7816.OFFSET_INS] == CardConstants.INS_UPDATE_BINARY;
        ElementaryFile file = binary ? binaryTarget(buf) : recordTarget(buf, P2_RECORD_BY_NUMBER);
        short offset = binary ? binaryOffset(buf) : (short) (buf[ISO7816.OFFSET_P1] & 0xFF);
        short len = authorizeUpdate(apdu, file);
        JCSystem.beginTransaction();
        if (binary) {
            file.updateBinary(offset, buf, ISO7816.OFFSET_CDATA, len);
        } else {
            file.updateRecord(offset, buf, ISO7816.OFFSET_CDATA, len);
        }
        JCSystem.commitTransaction();
    }

    /** APPEND RECORD {@code 04 E2 00 SFI×8} with secure messaging (EF07: replaces the record of the same type). */
    public void appendRecord(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_SECURE_MESSAGING);
        requireUpdateState(buf);
        if (buf[ISO7816.OFFSET_P1] != 0) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        ElementaryFile file = recordTarget(buf, P2_APPEND_MODE);
        short len = authorizeUpdate(apdu, file);
        JCSystem.beginTransaction();
        file.appendRecord(buf, ISO7816.OFFSET_CDATA, len);
        JCSystem.commitTransaction();
    }

    /** Plain updates only in PERSONALIZATION (after EXTERNAL AUTHENTICATE), secure messaging only once issued. */
    private void requireUpdateState(byte[] buf) {
        byte cla = buf[ISO7816.OFFSET_CLA];
        if (cla == CardConstants.CLA_ISO) {
            owner.requirePersonalisation();
        } else if (cla == CardConstants.CLA_SECURE_MESSAGING) {
            owner.requireIssued();
        } else {
            ISOException.throwIt(CardConstants.SW_CLA_NOT_SUPPORTED);
        }
    }

    /** Checks the access of an update and returns the length of the new content (the MAC verified and removed). */
    private short authorizeUpdate(APDU apdu, ElementaryFile file) {
        byte[] buf = apdu.getBuffer();
        byte cla = buf[ISO7816.OFFSET_CLA];
        if (cla == CardConstants.CLA_ISO) {
            requireUpdate(file, CardConstants.ACC_PERSO);
            return Apdus.receive(apdu);
        }
        requireUpdate(file, CardConstants.ACC_SECURE_MESSAGING);
        short lc = Apdus.receive(apdu);
        return owner.channel.verifyCommandMac(buf, lc, owner.maintenanceKey());
    }

    /** A READ carries no data field: 6700 when it does. */
    private static void requireNoData(APDU apdu) {
        if (Apdus.receive(apdu) != 0) {
            ISOException.throwIt(CardConstants.SW_WRONG_LENGTH);
        }
    }

    private static void requireUpdate(ElementaryFile file, byte access) {
        if ((file.updateAccess & access) == 0) {
            ISOException.throwIt(CardConstants.SW_SECURITY_STATUS_NOT_SATISFIED);
        }
    }

    private void requireRead(ElementaryFile file) {
        byte access = file.readAccess;
        boolean granted = (access & CardConstants.ACC_FREE) != 0
                || owner.isPersoAuthenticated()
                || ((access & (CardConstants.ACC_PIN | CardConstants.ACC_PIN_OR_TERMINAL_AUTH)) != 0
                        && owner.isPinValidated())
                || ((access & CardConstants.ACC_PIN_OR_TERMINAL_AUTH) != 0 && owner.isTerminalAuthenticated());
        if (!granted) {
            ISOException.throwIt(CardConstants.SW_SECURITY_STATUS_NOT_SATISFIED);
        }
    }

    private ElementaryFile binaryTarget(byte[] buf) {
        byte p1 = buf[ISO7816.OFFSET_P1];
        if ((p1 & P1_SFI_FLAG) == 0) {
            return currentFile();
        }
        if ((p1 & P1_SFI_RESERVED) != 0) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        return bySfi((short) (p1 & SFI_MASK));
    }

    private static short binaryOffset(byte[] buf) {
        byte p1 = buf[ISO7816.OFFSET_P1];
        if ((p1 & P1_SFI_FLAG) == 0) {
            return Util.getShort(buf, ISO7816.OFFSET_P1);
        }
        return (short) (buf[ISO7816.OFFSET_P2] & 0xFF);
    }

    private ElementaryFile recordTarget(byte[] buf, byte mode) {
        byte p2 = buf[ISO7816.OFFSET_P2];
        if ((p2 & P2_RECORD_MODE_MASK) != mode) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        short sfi = (short) ((p2 >> 3) & SFI_MASK);
        return sfi == 0 ? currentFile() : bySfi(sfi);
    }
}
