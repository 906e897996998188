package org.citycard.agent.purse;

import org.citycard.agent.iso.HostLink;
import org.citycard.agent.iso.IsoException;
import org.citycard.agent.journal.LoadEvent;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.CardLostException;
import org.citycard.cardlink.command.CardRefusedException;
import org.citycard.cardlink.command.CreditForLoad;
import org.citycard.cardlink.command.GetTransactionProve;
import org.citycard.cardlink.command.InitializeForLoad;
import org.citycard.cardlink.command.LoadInit;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.wire.ResponseCode;

/**
 * Online load (DESIGN §3.2): INITIALIZE FOR LOAD → journal → 0100 → journal the host's MAC2 → CREDIT FOR LOAD →
 * journal the TAC → 0220. If CREDIT's answer is lost, GET TRANSACTION PROVE decides between the completion and a
 * reversal (now if the card is still there, else on its next tap); the ledger never credits a load the card did
 * not take.
 */
public final class LoadService {
    private static final System.Logger LOG = System.getLogger(LoadService.class.getName());
    private static final int KEY_INDEX = 1;
    private final PurseTerminal terminal;
    private final HostLink host;
    private final Runnable nudgeUploader;

    /**
     * @param nudgeUploader asks store-and-forward to send owed advices and reversals soon
     */
    public LoadService(PurseTerminal terminal, HostLink host, Runnable nudgeUploader) {
        this.terminal = terminal;
        this.host = host;
        this.nudgeUploader = nudgeUploader;
    }

    public LoadResult load(ApduTransport card, PurseCard purse, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("load amount " + amount + " fen: at least 1 fen");
        }
        LoadInit init = InitializeForLoad.send(card, KEY_INDEX, amount, terminal.terminalIdBytes());
        String[] now = terminal.now();
        LoadEvent ev = terminal.journal()
                .loads()
                .begin(
                        purse.asn(),
                        init.onlineSeq(),
                        amount,
                        init.balance(),
                        terminal.terminalId(),
                        terminal.department(),
                        now[0],
                        now[1],
                        Hex.of(init.raw()));
        HostLink.LoadRequest req = new HostLink.LoadRequest(
                purse.asn(), amount, ev.stan(), now[0], now[1], terminal.department(), init.raw());
        HostLink.Authorisation auth;
        try {
            auth = host.authoriseLoad(req);
        } catch (IsoException e) {
            // no answer: the host may have authorised; the card has not been credited, so reverse
            terminal.journal().loads().reversalDue(ev.id());
            nudgeUploader.run();
            return new LoadResult(
                    purse.asn(),
                    amount,
                    init.balance(),
                    false,
                    "91",
                    "no authorisation from the clearing server: " + e.getMessage(),
                    ev.id());
        }
        if (!auth.approved()) {
            terminal.journal().loads().declined(ev.id(), auth.responseCode());
            return new LoadResult(
                    purse.asn(),
                    amount,
                    init.balance(),
                    false,
                    auth.responseCode(),
                    "the clearing server declined the load (response code " + auth.responseCode() + ")",
                    ev.id());
        }
        terminal.journal()
                .loads()
                .authorised(ev.id(), Hex.of(auth.mac2()), auth.hostDate(), auth.hostTime(), auth.rrn());
        byte[] tac;
        try {
            tac = CreditForLoad.send(card, Bcd.encode(auth.hostDate(), 4), Bcd.encode(auth.hostTime(), 3), auth.mac2());
        } catch (CardRefusedException e) {
            terminal.journal().loads().reversalDue(ev.id());
            nudgeUploader.run();
            throw e;
        } catch (CardLostException lost) {
            terminal.journal().loads().uncertain(ev.id());
            tac = proveNow(card, ev);
            if (tac == null) {
                throw lost;
            }
        }
        if (tac.length == 0) {
            return new LoadResult(
                    purse.asn(),
                    amount,
                    init.balance(),
                    false,
                    ResponseCode.APPROVED.code(),
                    "the card did not take the load; it is reversed",
                    ev.id());
        }
        terminal.journal().loads().credited(ev.id(), Hex.of(tac));
        completeNow(ev.id(), req, auth.rrn(), tac);
        return new LoadResult(
                purse.asn(), amount, init.balance() + amount, true, ResponseCode.APPROVED.code(), "loaded", ev.id());
    }

    /** The TAC if the card proves the credit, an empty array if it proves none, null if it does not answer. */
    private byte[] proveNow(ApduTransport card, LoadEvent ev) {
        try {
            var proof = GetTransactionProve.send(card, TxTypes.toByte(TxTypes.LOAD), ev.onlineSeq());
            if (proof.isPresent()) {
                return proof.get().tac();
            }
            terminal.journal().loads().reversalDue(ev.id());
            nudgeUploader.run();
            return new byte[0];
        } catch (CardLostException | CardRefusedException e) {
            return null;
        }
    }

    private void completeNow(long id, HostLink.LoadRequest req, String rrn, byte[] tac) {
        try {
            String rc = host.completeLoad(req, rrn, tac);
            if (ResponseCode.APPROVED.code().equals(rc)
                    || ResponseCode.DUPLICATE.code().equals(rc)) {
                terminal.journal().loads().completed(id);
                // the load is on the server; the 0500 of its business date is owed now
                nudgeUploader.run();
                return;
            }
            LOG.log(
                    System.Logger.Level.WARNING,
                    "completion of load {0} answered {1}; store-and-forward retries",
                    id,
                    rc);
        } catch (IsoException e) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "completion of load {0} deferred to store-and-forward: {1}",
                    id,
                    e.getMessage());
        }
        nudgeUploader.run();
    }
}
