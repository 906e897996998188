package org.citycard.applet.purse;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import org.citycard.applet.Apdus;
import org.citycard.applet.SecureChannel;

/**
 * APPLICATION BLOCK, APPLICATION UNBLOCK and CARD BLOCK (CARD-SPEC §4.3): secure messaging with DAMK over the
 * header with Lc = 04. A blocked application answers SELECT with 6283 and refuses everything but GET CHALLENGE and
 * APPLICATION UNBLOCK; a blocked card answers every SELECT, of every application, with 6A81 for good.
 */
final class BlockCommands {
    private final PurseApplet purse;
    private final PurseState state;
    private final SecureChannel channel;

    BlockCommands(PurseApplet purse, PurseState state, SecureChannel channel) {
        this.purse = purse;
        this.state = state;
        this.channel = channel;
    }

    /** APPLICATION BLOCK {@code 84 1E 00 00 04 MAC}. */
    void blockApplication(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        check(
                apdu,
                CardConstants.STATE_ISSUED,
                CardConstants.P1_APPLICATION_BLOCK,
                CardConstants.P2_APPLICATION_BLOCK,
                CardConstants.LC_APPLICATION_BLOCK);
        channel.verifyCommandMac(buf, CardConstants.LC_APPLICATION_BLOCK, state.damk);
        purse.changeState(CardConstants.STATE_APP_BLOCKED);
    }

    /** APPLICATION UNBLOCK {@code 84 18 00 00 04 MAC}. */
    void unblockApplication(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        check(
                apdu,
                CardConstants.STATE_APP_BLOCKED,
                CardConstants.P1_APPLICATION_UNBLOCK,
                CardConstants.P2_APPLICATION_UNBLOCK,
                CardConstants.LC_APPLICATION_UNBLOCK);
        channel.verifyCommandMac(buf, CardConstants.LC_APPLICATION_UNBLOCK, state.damk);
        purse.changeState(CardConstants.STATE_ISSUED);
    }

    /** CARD BLOCK {@code 84 16 00 00 04 MAC}: irreversible. */
    void blockCard(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        check(
                apdu,
                CardConstants.STATE_ISSUED,
                CardConstants.P1_CARD_BLOCK,
                CardConstants.P2_CARD_BLOCK,
                CardConstants.LC_CARD_BLOCK);
        channel.verifyCommandMac(buf, CardConstants.LC_CARD_BLOCK, state.damk);
        purse.changeState(CardConstants.STATE_CARD_BLOCKED);
    }

    private void check(APDU apdu, byte requiredState, byte p1, byte p2, byte lc) {
        byte[] buf = apdu.getBuffer();
        Apdus.requireCla(buf, CardConstants.CLA_PROPRIETARY_SECURE_MESSAGING);
        if (purse.state() != requiredState) {
            ISOException.throwIt(CardConstants.SW_CONDITIONS_NOT_SATISFIED);
        }
        if (buf[ISO7816.OFFSET_P1] != p1 || buf[ISO7816.OFFSET_P2] != p2) {
            ISOException.throwIt(CardConstants.SW_WRONG_P1P2);
        }
        Apdus.receiveExactly(apdu, lc);
    }
}
