package org.citycard.agent.purse;

import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.ApplicationBlock;
import org.citycard.cardlink.command.CardRefusedException;
import org.citycard.cardlink.command.ComputeBlockMac;
import org.citycard.cardlink.command.GetBalance;
import org.citycard.cardlink.command.GetChallenge;
import org.citycard.cardlink.command.InitializeForLoad;
import org.citycard.cardlink.command.InitializeForPurchase;
import org.citycard.cardlink.command.LoadInit;
import org.citycard.cardlink.command.PurchaseInit;
import org.citycard.dictionary.record.OfflineRecord;

/**
 * A hotlisted card is blocked on the spot: GET CHALLENGE → the PSAM's COMPUTE BLOCK MAC → APPLICATION BLOCK, then
 * the event is journaled as an A1 record and uploaded with the others. Its TTSN comes from the journal's block
 * sequence (80000001 upwards): a block uses no PSAM purchase counter. The PSAM computes the MAC with the card's
 * algorithm (3DES or SM4, CARD-SPEC §7), which the card tells in its INITIALIZE answer.
 */
public final class HotlistBlocker {
    private static final int KEY_INDEX = 1;

    private final PurseTerminal terminal;
    private final Runnable nudgeUploader;

    public HotlistBlocker(PurseTerminal terminal) {
        this(terminal, () -> {});
    }

    /** @param nudgeUploader asks store-and-forward for a pass soon: called once the A1 record is journaled */
    public HotlistBlocker(PurseTerminal terminal, Runnable nudgeUploader) {
        this.terminal = terminal;
        this.nudgeUploader = nudgeUploader;
    }

    /** Blocks the purse of a selected, hotlisted card; returns the journal id of the A1 record. */
    public long block(ApduTransport card, PurseCard purse) {
        long balance = GetBalance.send(card);
        byte[] keys = cardKeys(card);
        byte algorithm = keys[0];
        byte[] challenge = GetChallenge.send(card, 4);
        // the PSAM's MAMK of the card's algorithm and key version (issue 22: a PSAM holds several versions)
        byte[] mac = ComputeBlockMac.send(
                terminal.psam(), algorithm, keys[1], purse.asnRight8(), challenge, ApplicationBlock.header());
        ApplicationBlock.send(card, mac);
        return journal(purse, balance, algorithm);
    }

    /**
     * The algorithm and key version of the card's keys, from its answer to INITIALIZE FOR LOAD of 1 fen (nothing changes: the load is
     * never completed); a purse that refuses it (at its maximum balance, or its online counter used up) is asked
     * with INITIALIZE FOR PURCHASE of 1 fen, which is never debited.
     */
    private byte[] cardKeys(ApduTransport card) {
        byte[] tid = terminal.terminalIdBytes();
        try {
            LoadInit init = InitializeForLoad.send(card, KEY_INDEX, 1, tid);
            return new byte[] {init.algorithm(), init.keyVersion()};
        } catch (CardRefusedException e) {
            PurchaseInit init = InitializeForPurchase.send(card, KEY_INDEX, 1, tid);
            return new byte[] {init.algorithm(), init.keyVersion()};
        }
    }

    /** True when this terminal has journaled the block of this card. */
    public boolean journaled(String asn) {
        return terminal.journal().hasRecord(asn, TxTypes.HOTLIST_BLOCK);
    }

    /**
     * A hotlisted card found blocked whose block this terminal never journaled: the agent was stopped between
     * APPLICATION BLOCK and its journal write (or another terminal blocked it). The event is journaled now so the
     * server hears of it; the balance cannot be read any more and is reported as 0.
     */
    public long journalBlockDoneEarlier(PurseCard purse) {
        return journal(purse, 0, (byte) 0); // a blocked purse answers no INITIALIZE: its algorithm is not known
    }

    private long journal(PurseCard purse, long balance, byte algorithm) {
        String[] now = terminal.now();
        long id = terminal.journal()
                .recordComplete(
                        OfflineRecord.of(
                                TxTypes.HOTLIST_BLOCK,
                                purse.asn(),
                                0,
                                balance,
                                0,
                                terminal.terminalId(),
                                terminal.journal().nextBlockSequence(),
                                now[0],
                                now[1],
                                null,
                                1,
                                algorithm & 0xFF,
                                terminal.department(),
                                ""),
                        "00000000");
        nudgeUploader.run();
        return id;
    }
}
