package org.citycard.applet.purse;

import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The RAM state of a purse transaction between its INITIALIZE and its DEBIT / CREDIT (cleared on deselect and
 * power-up), and a work area where MAC inputs, the new balance, the log record and the proof are built before the
 * transaction writes them.
 */
final class PurseSession {
    /** Transaction type of the session in progress (06, 09, 02), 0 for none. */
    static final short KIND = 0;

    static final short AMOUNT = 1;
    static final short TERMINAL = (short) (AMOUNT + CardConstants.LEN_AMOUNT);
    static final short RANDOM = (short) (TERMINAL + CardConstants.LEN_TERMINAL_ID);
    static final short SEQ = (short) (RANDOM + CardConstants.LEN_RANDOM);
    /** Record number of the cached department record (compound purchase), 0 for none. */
    static final short CAPP_RECORD = (short) (SEQ + CardConstants.LEN_OFFLINE_SEQ);

    static final short CAPP_DATA = (short) (CAPP_RECORD + 1);
    /** Work area: the session key input (8), the new balance (4), the log record and the proof. */
    static final short KEY_INPUT = (short) (CAPP_DATA + CardConstants.RECORD_LENGTH_PURSE_SFI17);

    static final short NEW_BALANCE = (short) (KEY_INPUT + 8);
    static final short LOG_RECORD = (short) (NEW_BALANCE + CardConstants.LEN_BALANCE);
    static final short PROOF = (short) (LOG_RECORD + CardConstants.SIZE_CARD_LOG_RECORD);
    private static final short SIZE = (short) (PROOF + PurseState.PROOF_SIZE);

    final byte[] ram;

    PurseSession() {
        ram = JCSystem.makeTransientByteArray(SIZE, JCSystem.CLEAR_ON_DESELECT);
    }

    byte kind() {
        return ram[KIND];
    }

    /**
     * Builds the log record of the session at {@link #LOG_RECORD}: counter ‖ overdraft (0) ‖ amount ‖ type ‖ terminal
     * ID ‖ date ‖ time, the date and time taken from {@code buf[dateTimeOff..+7)}.
     */
    void buildLogRecord(byte[] buf, short dateTimeOff) {
        Util.arrayFillNonAtomic(ram, LOG_RECORD, CardConstants.SIZE_CARD_LOG_RECORD, (byte) 0);
        Util.arrayCopyNonAtomic(
                ram,
                SEQ,
                ram,
                (short) (LOG_RECORD + CardConstants.OFF_CARD_LOG_RECORD_LOG_SEQ),
                CardConstants.LEN_LOG_SEQ);
        Util.arrayCopyNonAtomic(
                ram,
                AMOUNT,
                ram,
                (short) (LOG_RECORD + CardConstants.OFF_CARD_LOG_RECORD_AMOUNT),
                CardConstants.LEN_AMOUNT);
        ram[(short) (LOG_RECORD + CardConstants.OFF_CARD_LOG_RECORD_TRANSACTION_TYPE)] = ram[KIND];
        Util.arrayCopyNonAtomic(
                ram,
                TERMINAL,
                ram,
                (short) (LOG_RECORD + CardConstants.OFF_CARD_LOG_RECORD_TERMINAL_ID),
                CardConstants.LEN_TERMINAL_ID);
        Util.arrayCopyNonAtomic(
                buf,
                dateTimeOff,
                ram,
                (short) (LOG_RECORD + CardConstants.OFF_CARD_LOG_RECORD_TRANSACTION_DATE),
                (short) (CardConstants.LEN_TRANSACTION_DATE + CardConstants.LEN_TRANSACTION_TIME));
    }

    /** Starts the proof of the session at {@link #PROOF}: its type and counter. */
    void beginProof() {
        ram[(short) (PROOF + PurseState.PROOF_TYPE)] = ram[KIND];
        Util.arrayCopyNonAtomic(ram, SEQ, ram, (short) (PROOF + PurseState.PROOF_SEQ), CardConstants.LEN_LOG_SEQ);
    }

    void clear() {
        Util.arrayFillNonAtomic(ram, (short) 0, SIZE, (byte) 0);
    }
}
