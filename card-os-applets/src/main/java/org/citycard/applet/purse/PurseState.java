package org.citycard.applet.purse;

import javacard.security.DESKey;
import org.citycard.applet.BinaryFile;
import org.citycard.applet.CityCardApplet;
import org.citycard.applet.CryptoEngine;
import org.citycard.applet.CyclicFile;
import org.citycard.applet.ElementaryFile;
import org.citycard.applet.RecordFile;

/**
 * The persistent state of the purse: balance and counters, the proofs of the last purchase and the last load
 * (GET TRANSACTION PROVE), the card keys and the files. Everything here changes only inside the transaction of the
 * command that changes it.
 */
final class PurseState {
    /** {@link #money}: balance(4) ‖ offline seq(2) ‖ online seq(2). */
    static final short BALANCE = 0;

    static final short OFFLINE_SEQ = (short) (BALANCE + CardConstants.LEN_BALANCE);
    static final short ONLINE_SEQ = (short) (OFFLINE_SEQ + CardConstants.LEN_OFFLINE_SEQ);
    private static final short MONEY_SIZE = (short) (ONLINE_SEQ + CardConstants.LEN_ONLINE_SEQ);

    /** A proof: transaction type(1) (0 = none) ‖ counter(2) ‖ MAC2(4) ‖ TAC(4). */
    static final short PROOF_TYPE = 0;

    static final short PROOF_SEQ = 1;
    static final short PROOF_MAC2 = (short) (PROOF_SEQ + CardConstants.LEN_LOG_SEQ);
    static final short PROOF_TAC = (short) (PROOF_MAC2 + CardConstants.LEN_MAC2);
    static final short PROOF_SIZE = (short) (PROOF_TAC + CardConstants.LEN_TAC);

    final byte[] money;
    final byte[] purchaseProof;
    final byte[] loadProof;

    final DESKey dpk;
    final DESKey dlk;
    final DESKey dtk;
    final DESKey damk;
    final DESKey dpuk;
    final DESKey drpk;

    final BinaryFile publicData;
    final BinaryFile holderData;
    final RecordFile departments;
    final CyclicFile log;

    PurseState() {
        money = new byte[MONEY_SIZE];
        purchaseProof = new byte[PROOF_SIZE];
        loadProof = new byte[PROOF_SIZE];
        dpk = CryptoEngine.newKey();
        dlk = CryptoEngine.newKey();
        dtk = CryptoEngine.newKey();
        damk = CryptoEngine.newKey();
        dpuk = CryptoEngine.newKey();
        drpk = CryptoEngine.newKey();
        publicData = new BinaryFile(
                CardConstants.SFI_PURSE_SFI15,
                CardConstants.READ_ACCESS_PURSE_SFI15,
                CardConstants.UPDATE_ACCESS_PURSE_SFI15,
                CardConstants.SIZE_PURSE_SFI15);
        holderData = new BinaryFile(
                CardConstants.SFI_PURSE_SFI16,
                CardConstants.READ_ACCESS_PURSE_SFI16,
                CardConstants.UPDATE_ACCESS_PURSE_SFI16,
                CardConstants.SIZE_PURSE_SFI16);
        departments = new RecordFile(
                CardConstants.SFI_PURSE_SFI17,
                ElementaryFile.NO_FID,
                CardConstants.READ_ACCESS_PURSE_SFI17,
                CardConstants.UPDATE_ACCESS_PURSE_SFI17,
                CardConstants.RECORD_COUNT_PURSE_SFI17,
                CardConstants.RECORD_LENGTH_PURSE_SFI17,
                CardConstants.DEPARTMENT_CATEGORY_CODES,
                CardConstants.DEPARTMENT_CATEGORY_RECORDS,
                CardConstants.OFF_PURSE_SFI17_DEPARTMENT_CATEGORY,
                (short) 1);
        log = new CyclicFile(
                CardConstants.SFI_PURSE_SFI18,
                CardConstants.READ_ACCESS_PURSE_SFI18,
                CardConstants.UPDATE_ACCESS_PURSE_SFI18,
                CardConstants.RECORD_COUNT_PURSE_SFI18,
                CardConstants.RECORD_LENGTH_PURSE_SFI18);
    }

    /** The key of a PUT KEY key ID, or null. */
    DESKey key(byte keyId) {
        switch (keyId) {
            case CardConstants.KEY_ID_DPK:
                return dpk;
            case CardConstants.KEY_ID_DLK:
                return dlk;
            case CardConstants.KEY_ID_DTK:
                return dtk;
            case CardConstants.KEY_ID_DAMK:
                return damk;
            case CardConstants.KEY_ID_DPUK:
                return dpuk;
            case CardConstants.KEY_ID_DRPK:
                return drpk;
            default:
                return null;
        }
    }

    boolean keysLoaded() {
        return CityCardApplet.loaded(dpk)
                && CityCardApplet.loaded(dlk)
                && CityCardApplet.loaded(dtk)
                && CityCardApplet.loaded(damk)
                && CityCardApplet.loaded(dpuk)
                && CityCardApplet.loaded(drpk);
    }
}
