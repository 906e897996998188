package org.citycard.applet.purse;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.DESKey;
import org.citycard.applet.Apdus;
import org.citycard.applet.ByteMath;
import org.citycard.applet.CryptoEngine;
import org.citycard.applet.RecordFile;
import org.citycard.applet.SecureChannel;

/**
 * Purchase and compound purchase (CARD-SPEC §4.1): INITIALIZE FOR (CAPP) PURCHASE, UPDATE CAPP DATA CACHE, DEBIT
 * FOR PURCHASE, and GET TRANSACTION PROVE for purchases and loads. MAC1 is verified before anything changes; the
 * debit, the counter, the log record, the department record and the proof then change in one transaction, and the
 * answer is read back from the committed proof.
 */
final class PurchaseCommands {
    // DEBIT FOR PURCHASE data: TTSN(4) ‖ date(4) ‖ time(3) ‖ MAC1(4)
    private static final short DEBIT_TTSN = ISO7816.OFFSET_CDATA;
    private static final short DEBIT_DATE = (short) (DEBIT_TTSN + CardConstants.LEN_TTSN);
    private static final short DEBIT_TIME = (short) (DEBIT_DATE + CardConstants.LEN_TRANSACTION_DATE);
    private static final short DEBIT_MAC1 = (short) (DEBIT_TIME + CardConstants.LEN_TRANSACTION_TIME);
    /** SESPK takes the last two bytes of the TTSN. */
    private static final short TTSN_IN_KEY = 2;
    // INITIALIZE data: key index(1) ‖ amount(4) ‖ terminal ID(6)
    static final short INIT_KEY_INDEX = ISO7816.OFFSET_CDATA;
    static final short INIT_AMOUNT = (short) (INIT_KEY_INDEX + CardConstants.LEN_KEY_INDEX);
    static final short INIT_TERMINAL = (short) (INIT_AMOUNT + CardConstants.LEN_AMOUNT);

    private final PurseApplet purse;
    private final PurseState state;
    private final PurseSession session;
    private final CryptoEngine crypto;
    private final SecureChannel channel;

    PurchaseCommands(
            PurseApplet purse, PurseState state, PurseSession session, CryptoEngine crypto, SecureChannel channel) {
        this.purse = purse;
        this.state = state;
        this.session = session;
        this.crypto = crypto;
        this.channel = channel;
    }

    /**
     * INITIALIZE FOR PURCHASE {@code 80 50 01 02 0B} (type 06) or FOR CAPP PURCHASE {@code 80 50 03 02 0B} (type
     * 09): answers balance ‖ offline seq ‖ overdraft ‖ key version ‖ algorithm ‖ random.
     */
    void initialize(APDU apdu, byte kind) {
        byte[] buf = apdu.getBuffer();
        session.clear();
        Apdus.receiveExactly(apdu, CardConstants.LC_INITIALIZE_FOR_PURCHASE);
        if (buf[INIT_KEY_INDEX] != CardConstants.CARD_KEY_INDEX) {
            ISOException.throwIt(CardConstants.SW_KEY_NOT_FOUND);
        }
        if (ByteMath.allEqual(buf, INIT_AMOUNT, CardConstants.LEN_AMOUNT, (byte) 0)) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
        if (ByteMath.compare(state.money, PurseState.BALANCE, buf, INIT_AMOUNT, CardConstants.LEN_AMOUNT) < 0) {
            ISOException.throwIt(CardConstants.SW_AMOUNT_ABOVE_LIMIT);
        }
        if (ByteMath.allEqual(state.money, PurseState.OFFLINE_SEQ, CardConstants.LEN_OFFLINE_SEQ, (byte) 0xFF)) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED); // the counter is used up
        }
        byte[] ram = session.ram;
        Util.arrayCopyNonAtomic(buf, INIT_AMOUNT, ram, PurseSession.AMOUNT, CardConstants.LEN_AMOUNT);
        Util.arrayCopyNonAtomic(buf, INIT_TERMINAL, ram, PurseSession.TERMINAL, CardConstants.LEN_TERMINAL_ID);
        Util.arrayCopyNonAtomic(
                state.money, PurseState.OFFLINE_SEQ, ram, PurseSession.SEQ, CardConstants.LEN_OFFLINE_SEQ);
        channel.random(ram, PurseSession.RANDOM, CardConstants.LEN_RANDOM);
        ram[PurseSession.KIND] = kind;

        short off = Util.arrayCopyNonAtomic(state.money, PurseState.BALANCE, buf, (short) 0, CardConstants.LEN_BALANCE);
        off = Util.arrayCopyNonAtomic(state.money, PurseState.OFFLINE_SEQ, buf, off, CardConstants.LEN_OFFLINE_SEQ);
        off = Util.arrayFillNonAtomic(buf, off, CardConstants.LEN_OVERDRAFT_LIMIT, (byte) 0);
        buf[off++] = purse.keyVersion(CardConstants.KEY_ID_DPK);
        buf[off++] = purse.keyAlgorithm();
        off = Util.arrayCopyNonAtomic(ram, PurseSession.RANDOM, buf, off, CardConstants.LEN_RANDOM);
        Apdus.send(apdu, (short) 0, off);
    }

    /** UPDATE CAPP DATA CACHE {@code 80 DC rec BC 20}: the department record the coming debit writes. */
    void updateCappDataCache(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        if (session.kind() != CardConstants.TX_COMPOUND_PURCHASE) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        }
        if (buf[ISO7816.OFFSET_P2] != CardConstants.P2_UPDATE_CAPP_DATA_CACHE) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        short number = (short) (buf[ISO7816.OFFSET_P1] & 0xFF);
        Apdus.receiveExactly(apdu, CardConstants.LC_UPDATE_CAPP_DATA_CACHE);
        RecordFile departments = state.departments;
        if (!departments.isWritten(number)) {
            ISOException.throwIt(CardConstants.SW_RECORD_NOT_FOUND);
        }
        departments.checkUpdate(number, buf, ISO7816.OFFSET_CDATA, CardConstants.LC_UPDATE_CAPP_DATA_CACHE);
        if (buf[(short) (ISO7816.OFFSET_CDATA + CardConstants.OFF_PURSE_SFI17_DEPARTMENT_CATEGORY)]
                != departments.firstByte(number)) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA); // a record keeps its category
        }
        session.ram[PurseSession.CAPP_RECORD] = (byte) number;
        Util.arrayCopyNonAtomic(
                buf,
                ISO7816.OFFSET_CDATA,
                session.ram,
                PurseSession.CAPP_DATA,
                CardConstants.RECORD_LENGTH_PURSE_SFI17);
    }

    /** DEBIT FOR PURCHASE {@code 80 54 01 00 0F}: TTSN ‖ date ‖ time ‖ MAC1, answers TAC ‖ MAC2. */
    void debit(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        byte kind = session.kind();
        if (kind != CardConstants.TX_PURCHASE && kind != CardConstants.TX_COMPOUND_PURCHASE) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        }
        Apdus.requireP1P2(buf, CardConstants.P1_DEBIT_FOR_PURCHASE, CardConstants.P2_DEBIT_FOR_PURCHASE);
        Apdus.receiveExactly(apdu, CardConstants.LC_DEBIT_FOR_PURCHASE);
        byte[] ram = session.ram;

        // SESPK = 3DES-ECB(DPK, random ‖ offline seq ‖ TTSN[2..3])
        Util.arrayCopyNonAtomic(ram, PurseSession.RANDOM, ram, PurseSession.KEY_INPUT, CardConstants.LEN_RANDOM);
        Util.arrayCopyNonAtomic(
                ram,
                PurseSession.SEQ,
                ram,
                (short) (PurseSession.KEY_INPUT + CardConstants.LEN_RANDOM),
                CardConstants.LEN_OFFLINE_SEQ);
        Util.arrayCopyNonAtomic(
                buf,
                (short) (DEBIT_TTSN + CardConstants.LEN_TTSN - TTSN_IN_KEY),
                ram,
                (short) (PurseSession.KEY_INPUT + CardConstants.LEN_RANDOM + CardConstants.LEN_OFFLINE_SEQ),
                TTSN_IN_KEY);
        DESKey sespk = crypto.deriveSessionKey(state.dpk, ram, PurseSession.KEY_INPUT);

        // MAC1 = MAC(SESPK, amount ‖ type ‖ terminal ID ‖ date ‖ time)
        crypto.macBegin(sespk);
        crypto.macUpdate(ram, PurseSession.AMOUNT, CardConstants.LEN_AMOUNT);
        crypto.macUpdateByte(kind);
        crypto.macUpdate(ram, PurseSession.TERMINAL, CardConstants.LEN_TERMINAL_ID);
        crypto.macUpdate(
                buf, DEBIT_DATE, (short) (CardConstants.LEN_TRANSACTION_DATE + CardConstants.LEN_TRANSACTION_TIME));
        if (!crypto.macMatches(buf, DEBIT_MAC1)) {
            session.clear();
            ISOException.throwIt(CardConstants.SW_MAC_INVALID);
        }
        if (ByteMath.subtract(
                state.money,
                PurseState.BALANCE,
                ram,
                PurseSession.AMOUNT,
                ram,
                PurseSession.NEW_BALANCE,
                CardConstants.LEN_BALANCE)) {
            session.clear();
            ISOException.throwIt(CardConstants.SW_AMOUNT_ABOVE_LIMIT);
        }

        // MAC2 = MAC(SESPK, amount), then TAC = MAC(DTK left ^ right, amount ‖ type ‖ terminal ‖ TTSN ‖ date ‖ time)
        session.beginProof();
        crypto.macBegin(sespk);
        crypto.macUpdate(ram, PurseSession.AMOUNT, CardConstants.LEN_AMOUNT);
        crypto.macFinish(ram, (short) (PurseSession.PROOF + PurseState.PROOF_MAC2));
        crypto.macBegin(crypto.tacKey(state.dtk));
        crypto.macUpdate(ram, PurseSession.AMOUNT, CardConstants.LEN_AMOUNT);
        crypto.macUpdateByte(kind);
        crypto.macUpdate(ram, PurseSession.TERMINAL, CardConstants.LEN_TERMINAL_ID);
        crypto.macUpdate(buf, DEBIT_TTSN, CardConstants.LEN_TTSN);
        crypto.macUpdate(
                buf, DEBIT_DATE, (short) (CardConstants.LEN_TRANSACTION_DATE + CardConstants.LEN_TRANSACTION_TIME));
        crypto.macFinish(ram, (short) (PurseSession.PROOF + PurseState.PROOF_TAC));
        session.buildLogRecord(buf, DEBIT_DATE);

        JCSystem.beginTransaction();
        Util.arrayCopy(ram, PurseSession.NEW_BALANCE, state.money, PurseState.BALANCE, CardConstants.LEN_BALANCE);
        ByteMath.increment(state.money, PurseState.OFFLINE_SEQ, CardConstants.LEN_OFFLINE_SEQ);
        Util.arrayCopy(
                ram,
                PurseSession.LOG_RECORD,
                state.log.content(),
                state.log.nextSlot(),
                CardConstants.SIZE_CARD_LOG_RECORD);
        state.log.commitAppend();
        if (ram[PurseSession.CAPP_RECORD] != 0) {
            state.departments.updateRecord(
                    ram[PurseSession.CAPP_RECORD],
                    ram,
                    PurseSession.CAPP_DATA,
                    CardConstants.RECORD_LENGTH_PURSE_SFI17);
        }
        Util.arrayCopy(ram, PurseSession.PROOF, state.purchaseProof, (short) 0, PurseState.PROOF_SIZE);
        JCSystem.commitTransaction();
        session.clear();

        // the answer comes from the committed proof
        Util.arrayCopyNonAtomic(state.purchaseProof, PurseState.PROOF_TAC, buf, (short) 0, CardConstants.LEN_TAC);
        Util.arrayCopyNonAtomic(
                state.purchaseProof, PurseState.PROOF_MAC2, buf, CardConstants.LEN_TAC, CardConstants.LEN_MAC2);
        Apdus.send(apdu, (short) 0, (short) (CardConstants.LEN_TAC + CardConstants.LEN_MAC2));
    }

    /** GET TRANSACTION PROVE {@code 80 5A 00 type 02 counter}: MAC2 ‖ TAC of that transaction, else 9406. */
    void getTransactionProve(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        byte type = buf[ISO7816.OFFSET_P2];
        if (buf[ISO7816.OFFSET_P1] != CardConstants.P1_GET_TRANSACTION_PROVE
                || (type != CardConstants.TX_PURCHASE
                        && type != CardConstants.TX_COMPOUND_PURCHASE
                        && type != CardConstants.TX_LOAD)) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        Apdus.receiveExactly(apdu, CardConstants.LC_GET_TRANSACTION_PROVE);
        byte[] proof = type == CardConstants.TX_LOAD ? state.loadProof : state.purchaseProof;
        if (proof[PurseState.PROOF_TYPE] != type
                || Util.arrayCompare(proof, PurseState.PROOF_SEQ, buf, ISO7816.OFFSET_CDATA, CardConstants.LEN_LOG_SEQ)
                        != 0) {
            ISOException.throwIt(CardConstants.SW_MAC_NOT_AVAILABLE);
        }
        Util.arrayCopyNonAtomic(proof, PurseState.PROOF_MAC2, buf, (short) 0, CardConstants.LEN_MAC2);
        Util.arrayCopyNonAtomic(proof, PurseState.PROOF_TAC, buf, CardConstants.LEN_MAC2, CardConstants.LEN_TAC);
        Apdus.send(apdu, (short) 0, (short) (CardConstants.LEN_MAC2 + CardConstants.LEN_TAC));
    }
}
