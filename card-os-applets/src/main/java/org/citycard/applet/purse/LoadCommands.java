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
import org.citycard.applet.SecureChannel;

/**
 * Load (CARD-SPEC §4.2): INITIALIZE FOR LOAD answers MAC1 for the host, CREDIT FOR LOAD verifies the host's MAC2.
 * A load that would take the balance above {@code max_balance} is refused with 9401 before anything changes; the
 * credit, the online counter, the log record and the proof change in one transaction.
 */
final class LoadCommands {
    // CREDIT FOR LOAD data: date(4) ‖ time(3) ‖ MAC2(4)
    private static final short CREDIT_DATE = ISO7816.OFFSET_CDATA;
    private static final short CREDIT_MAC2 =
            (short) (CREDIT_DATE + CardConstants.LEN_TRANSACTION_DATE + CardConstants.LEN_TRANSACTION_TIME);
    private static final short DATE_TIME_LENGTH =
            (short) (CardConstants.LEN_TRANSACTION_DATE + CardConstants.LEN_TRANSACTION_TIME);

    private final PurseApplet purse;
    private final PurseState state;
    private final PurseSession session;
    private final CryptoEngine crypto;
    private final SecureChannel channel;

    LoadCommands(
            PurseApplet purse, PurseState state, PurseSession session, CryptoEngine crypto, SecureChannel channel) {
        this.purse = purse;
        this.state = state;
        this.session = session;
        this.crypto = crypto;
        this.channel = channel;
    }

    /**
     * INITIALIZE FOR LOAD {@code 80 50 00 02 0B}: key index ‖ amount ‖ terminal ID; answers balance ‖ online seq ‖
     * key version ‖ algorithm ‖ random ‖ MAC1.
     */
    void initialize(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        session.clear();
        Apdus.receiveExactly(apdu, CardConstants.LC_INITIALIZE_FOR_LOAD);
        if (buf[PurchaseCommands.INIT_KEY_INDEX] != CardConstants.CARD_KEY_INDEX) {
            ISOException.throwIt(CardConstants.SW_KEY_NOT_FOUND);
        }
        if (ByteMath.allEqual(buf, PurchaseCommands.INIT_AMOUNT, CardConstants.LEN_AMOUNT, (byte) 0)) {
            ISOException.throwIt(CardConstants.SW_WRONG_DATA);
        }
        byte[] ram = session.ram;
        requireWithinMaximum(buf, PurchaseCommands.INIT_AMOUNT);
        if (ByteMath.allEqual(state.money, PurseState.ONLINE_SEQ, CardConstants.LEN_ONLINE_SEQ, (byte) 0xFF)) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED); // the counter is used up
        }
        Util.arrayCopyNonAtomic(buf, PurchaseCommands.INIT_AMOUNT, ram, PurseSession.AMOUNT, CardConstants.LEN_AMOUNT);
        Util.arrayCopyNonAtomic(
                buf, PurchaseCommands.INIT_TERMINAL, ram, PurseSession.TERMINAL, CardConstants.LEN_TERMINAL_ID);
        Util.arrayCopyNonAtomic(
                state.money, PurseState.ONLINE_SEQ, ram, PurseSession.SEQ, CardConstants.LEN_ONLINE_SEQ);
        channel.random(ram, PurseSession.RANDOM, CardConstants.LEN_RANDOM);
        ram[PurseSession.KIND] = CardConstants.TX_LOAD;

        // MAC1 = MAC(SESLK, balance ‖ amount ‖ 02 ‖ terminal ID)
        crypto.macBegin(sessionKey());
        crypto.macUpdate(state.money, PurseState.BALANCE, CardConstants.LEN_BALANCE);
        crypto.macUpdate(ram, PurseSession.AMOUNT, CardConstants.LEN_AMOUNT);
        crypto.macUpdateByte(CardConstants.TX_LOAD);
        crypto.macUpdate(ram, PurseSession.TERMINAL, CardConstants.LEN_TERMINAL_ID);

        short off = Util.arrayCopyNonAtomic(state.money, PurseState.BALANCE, buf, (short) 0, CardConstants.LEN_BALANCE);
        off = Util.arrayCopyNonAtomic(state.money, PurseState.ONLINE_SEQ, buf, off, CardConstants.LEN_ONLINE_SEQ);
        buf[off++] = purse.keyVersion(CardConstants.KEY_ID_DLK);
        buf[off++] = purse.keyAlgorithm();
        off = Util.arrayCopyNonAtomic(ram, PurseSession.RANDOM, buf, off, CardConstants.LEN_RANDOM);
        crypto.macFinish(buf, off);
        Apdus.send(apdu, (short) 0, (short) (off + CardConstants.LEN_MAC1));
    }

    /** CREDIT FOR LOAD {@code 80 52 00 00 0B}: date ‖ time ‖ MAC2; answers the TAC. */
    void credit(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        if (session.kind() != CardConstants.TX_LOAD) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        }
        Apdus.requireP1P2(buf, CardConstants.P1_CREDIT_FOR_LOAD, CardConstants.P2_CREDIT_FOR_LOAD);
        Apdus.receiveExactly(apdu, CardConstants.LC_CREDIT_FOR_LOAD);
        byte[] ram = session.ram;

        // MAC2 = MAC(SESLK, amount ‖ 02 ‖ terminal ID ‖ date ‖ time), computed by the host
        crypto.macBegin(sessionKey());
        crypto.macUpdate(ram, PurseSession.AMOUNT, CardConstants.LEN_AMOUNT);
        crypto.macUpdateByte(CardConstants.TX_LOAD);
        crypto.macUpdate(ram, PurseSession.TERMINAL, CardConstants.LEN_TERMINAL_ID);
        crypto.macUpdate(buf, CREDIT_DATE, DATE_TIME_LENGTH);
        if (!crypto.macMatches(buf, CREDIT_MAC2)) {
            session.clear();
            ISOException.throwIt(CardConstants.SW_MAC_INVALID);
        }
        requireWithinMaximum(ram, PurseSession.AMOUNT); // leaves the new balance at NEW_BALANCE

        // TAC = MAC(DTK left ^ right, new balance ‖ online seq ‖ amount ‖ 02 ‖ terminal ID ‖ date ‖ time)
        session.beginProof();
        Util.arrayCopyNonAtomic(
                buf, CREDIT_MAC2, ram, (short) (PurseSession.PROOF + PurseState.PROOF_MAC2), CardConstants.LEN_MAC2);
        crypto.macBegin(crypto.tacKey(state.dtk));
        crypto.macUpdate(ram, PurseSession.NEW_BALANCE, CardConstants.LEN_BALANCE);
        crypto.macUpdate(ram, PurseSession.SEQ, CardConstants.LEN_ONLINE_SEQ);
        crypto.macUpdate(ram, PurseSession.AMOUNT, CardConstants.LEN_AMOUNT);
        crypto.macUpdateByte(CardConstants.TX_LOAD);
        crypto.macUpdate(ram, PurseSession.TERMINAL, CardConstants.LEN_TERMINAL_ID);
        crypto.macUpdate(buf, CREDIT_DATE, DATE_TIME_LENGTH);
        crypto.macFinish(ram, (short) (PurseSession.PROOF + PurseState.PROOF_TAC));
        session.buildLogRecord(buf, CREDIT_DATE);

        JCSystem.beginTransaction();
        Util.arrayCopy(ram, PurseSession.NEW_BALANCE, state.money, PurseState.BALANCE, CardConstants.LEN_BALANCE);
        ByteMath.increment(state.money, PurseState.ONLINE_SEQ, CardConstants.LEN_ONLINE_SEQ);
        Util.arrayCopy(
                ram,
                PurseSession.LOG_RECORD,
                state.log.content(),
                state.log.nextSlot(),
                CardConstants.SIZE_CARD_LOG_RECORD);
        state.log.commitAppend();
        Util.arrayCopy(ram, PurseSession.PROOF, state.loadProof, (short) 0, PurseState.PROOF_SIZE);
        JCSystem.commitTransaction();
        session.clear();

        Util.arrayCopyNonAtomic(state.loadProof, PurseState.PROOF_TAC, buf, (short) 0, CardConstants.LEN_TAC);
        Apdus.send(apdu, (short) 0, CardConstants.LEN_TAC);
    }

    /** SESLK = 3DES-ECB(DLK, random ‖ online seq ‖ 8000), from the session's random and counter. */
    private DESKey sessionKey() {
        byte[] ram = session.ram;
        short off = Util.arrayCopyNonAtomic(
                ram, PurseSession.RANDOM, ram, PurseSession.KEY_INPUT, CardConstants.LEN_RANDOM);
        off = Util.arrayCopyNonAtomic(ram, PurseSession.SEQ, ram, off, CardConstants.LEN_ONLINE_SEQ);
        Util.arrayCopyNonAtomic(CardConstants.LOAD_SESSION_KEY_SUFFIX, (short) 0, ram, off, (short)
                CardConstants.LOAD_SESSION_KEY_SUFFIX.length);
        return crypto.deriveSessionKey(state.dlk, ram, PurseSession.KEY_INPUT);
    }

    /**
     * Puts balance + the amount at {@code amount} into the session's NEW_BALANCE; 9401 when that is above the
     * maximum balance (or overflows), before anything changes.
     */
    private void requireWithinMaximum(byte[] amount, short amountOff) {
        byte[] ram = session.ram;
        boolean overflow = ByteMath.add(
                state.money,
                PurseState.BALANCE,
                amount,
                amountOff,
                ram,
                PurseSession.NEW_BALANCE,
                CardConstants.LEN_BALANCE);
        if (overflow
                || ByteMath.compare(
                                ram,
                                PurseSession.NEW_BALANCE,
                                CardConstants.MAX_BALANCE,
                                (short) 0,
                                CardConstants.LEN_BALANCE)
                        > 0) {
            ISOException.throwIt(CardConstants.SW_AMOUNT_ABOVE_LIMIT);
        }
    }
}
