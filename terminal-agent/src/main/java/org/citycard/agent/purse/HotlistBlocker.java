package org.citycard.agent.purse;

import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.ApplicationBlock;
import org.citycard.cardlink.command.ComputeBlockMac;
import org.citycard.cardlink.command.GetBalance;
import org.citycard.cardlink.command.GetChallenge;
import org.citycard.dictionary.record.OfflineRecord;

/**
 * A hotlisted card is blocked on the spot: GET CHALLENGE → the PSAM's COMPUTE BLOCK MAC → APPLICATION BLOCK, then
 * the event is journaled as an A1 record and uploaded with the others. Its TTSN comes from the journal's block
 * sequence (80000001 upwards): a block uses no PSAM purchase counter.
 */
public final class HotlistBlocker {
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
        byte[] challenge = GetChallenge.send(card, 4);
        byte[] mac = ComputeBlockMac.send(terminal.psam(), purse.asnRight8(), challenge, ApplicationBlock.header());
        ApplicationBlock.send(card, mac);
        return journal(purse, balance);
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
        return journal(purse, 0);
    }

    private long journal(PurseCard purse, long balance) {
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
                                0,
                                terminal.department(),
                                ""),
                        "00000000");
        nudgeUploader.run();
        return id;
    }
}
