package org.citycard.agent.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.citycard.agent.hotlist.ServerApi;
import org.citycard.agent.journal.LocalLists;
import org.citycard.agent.purse.CardQueries;
import org.citycard.agent.purse.HotlistBlocker;
import org.citycard.agent.purse.LoadResult;
import org.citycard.agent.purse.LoadService;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.purse.PurchaseResult;
import org.citycard.agent.purse.PurchaseService;
import org.citycard.agent.purse.PurseCard;
import org.citycard.agent.purse.Recovery;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.CardLostException;
import org.citycard.cardlink.command.CardRefusedException;
import org.citycard.cardlink.pcsc.Tap;
import org.citycard.cardlink.pcsc.TapHandler;

/**
 * One tap, start to end: SELECT purse → prove what an earlier tap left open (Recovery) → hotlist check (block) →
 * the armed request (pay, load, change PIN) or the query the kiosk shows. Each step publishes an event for the
 * pages. A request stays armed when the card's answer was lost, so the next tap proves it instead of paying
 * twice.
 */
public final class TapProcessor implements TapHandler {
    private static final System.Logger LOG = System.getLogger(TapProcessor.class.getName());
    private final PurchaseService purchases;
    private final LoadService loads;
    private final Recovery recovery;
    private final HotlistBlocker blocker;
    private final LocalLists lists;
    private final ServerApi server;
    private final EventBus events;
    private final AtomicReference<TapRequest> armed = new AtomicReference<>();
    private final BlockingQueue<char[]> pins = new LinkedBlockingQueue<>(1);
    private volatile TapRequest idleRequest = new TapRequest.Query(false);
    private volatile long pinWaitMs = 30_000;

    public TapProcessor(
            PurchaseService purchases,
            LoadService loads,
            Recovery recovery,
            HotlistBlocker blocker,
            LocalLists lists,
            ServerApi server,
            EventBus events) {
        this.purchases = purchases;
        this.loads = loads;
        this.recovery = recovery;
        this.blocker = blocker;
        this.lists = lists;
        this.server = server;
        this.events = events;
    }

    /** Arms the next tap; replaces an armed request that has not been served. */
    public void arm(TapRequest request) {
        armed.set(request);
        events.publish(AgentEvent.of("armed", "request", describe(request)));
    }

    public void disarm() {
        armed.set(null);
        events.publish(AgentEvent.of("idle"));
    }

    public TapRequest armedRequest() {
        return armed.get();
    }

    /** What a tap does when nothing is armed: the kiosk asks for the PIN (identity), the counter does not. */
    public void idleRequest(TapRequest r) {
        this.idleRequest = r;
    }

    public void pinWait(long ms) {
        this.pinWaitMs = ms;
    }

    /** The PIN typed on the kiosk's pad for the card on the reader; never logged, cleared after use. */
    public void offerPin(char[] pin) {
        pins.clear();
        pins.offer(pin);
    }

    @Override
    public void onTap(Tap tap) {
        process(tap.card());
    }

    @Override
    public void onRemoved(String reader) {
        events.publish(AgentEvent.of("removed"));
    }

    @Override
    public void onReaderState(String reader, boolean present) {
        events.publish(AgentEvent.of("reader", "name", reader, "present", present));
    }

    /** Runs one tap on a card and returns the final event (also published). */
    public AgentEvent process(ApduTransport card) {
        AgentEvent result;
        try {
            result = run(card);
        } catch (CardLostException e) {
            result = AgentEvent.of(
                    "error",
                    "kind",
                    "lost",
                    "en",
                    "The card left too early. Tap again. " + e.getMessage(),
                    "zh",
                    "读卡中断，请重新刷卡");
        } catch (CardRefusedException e) {
            result = AgentEvent.of(
                    "error",
                    "kind",
                    e.reason().name(),
                    "sw",
                    String.format("%04X", e.sw()),
                    "en",
                    e.getMessage(),
                    "zh",
                    e.zh(),
                    "triesLeft",
                    e.triesLeft());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "tap failed", e);
            result = AgentEvent.of(
                    "error", "kind", "agent", "en", "The terminal failed: " + e.getMessage(), "zh", "终端故障");
        }
        events.publish(result);
        return result;
    }

    private AgentEvent run(ApduTransport card) {
        PurseCard purse = PurseCard.select(card);
        events.publish(AgentEvent.of("card", "asn", purse.maskedAsn(), "expiry", purse.expiryDate()));
        if (purse.blocked()) {
            if (lists.hotlisted(purse.asn()) && !blocker.journaled(purse.asn())) {
                blocker.journalBlockDoneEarlier(purse);
            }
            return AgentEvent.of(
                    "blocked",
                    "asn",
                    purse.maskedAsn(),
                    "en",
                    "This card is blocked. Please see a counter.",
                    "zh",
                    "此卡已锁定，请到柜台办理");
        }
        Recovery.Outcome rec = recovery.recover(card, purse);
        if (!rec.nothing()) {
            events.publish(AgentEvent.of(
                    "recovered",
                    "purchases",
                    rec.completedPurchases().size(),
                    "voided",
                    rec.voidedPurchases(),
                    "loadsCredited",
                    rec.creditedLoads(),
                    "loadsReversed",
                    rec.reversedLoads()));
        }
        if (lists.hotlisted(purse.asn())) {
            long id = blocker.block(card, purse);
            armed.set(null);
            return AgentEvent.of(
                    "hotlisted",
                    "asn",
                    purse.maskedAsn(),
                    "journalId",
                    id,
                    "en",
                    "This card is reported lost and has been blocked.",
                    "zh",
                    "此卡已挂失，已被锁定");
        }
        TapRequest req = armed.get();
        if (req == null) {
            req = idleRequest;
        }
        if (req instanceof TapRequest.Pay pay) {
            for (PurchaseResult done : rec.completedPurchases()) {
                if (sameAs(done, pay.purchase())) {
                    armed.compareAndSet(req, null);
                    return receipt(done);
                }
            }
            PurchaseResult r = purchases.purchase(card, purse, pay.purchase());
            armed.compareAndSet(req, null);
            return receipt(r);
        }
        if (req instanceof TapRequest.Load load) {
            LoadResult r = loads.load(card, purse, load.amount());
            armed.compareAndSet(req, null);
            return AgentEvent.of(
                    r.credited() ? "loaded" : "loadRefused",
                    "asn",
                    purse.maskedAsn(),
                    "amount",
                    r.amount(),
                    "balance",
                    r.balanceAfter(),
                    "responseCode",
                    r.responseCode(),
                    "en",
                    r.message(),
                    "zh",
                    r.credited() ? "圈存成功" : "圈存未完成",
                    "journalId",
                    r.journalId());
        }
        if (req instanceof TapRequest.ChangePin cp) {
            try {
                CardQueries.changePin(card, cp.oldPin(), cp.newPin());
            } finally {
                Arrays.fill(cp.oldPin(), '\0');
                Arrays.fill(cp.newPin(), '\0');
                armed.compareAndSet(req, null);
            }
            return AgentEvent.of("pinChanged", "en", "PIN changed", "zh", "密码修改成功");
        }
        return query(card, purse, ((TapRequest.Query) req).identity());
    }

    private static boolean sameAs(PurchaseResult done, PurchaseRequest want) {
        return done.amount() == want.amount()
                && done.department().equals(want.department())
                && done.payee().trim().equals(want.payee().trim());
    }

    private AgentEvent receipt(PurchaseResult r) {
        return AgentEvent.of(
                "receipt",
                "asn",
                org.citycard.agent.journal.Journal.mask(r.asn()),
                "amount",
                r.amount(),
                "balance",
                r.balanceAfter(),
                "department",
                r.department(),
                "payee",
                r.payee(),
                "date",
                r.date(),
                "time",
                r.time(),
                "seq",
                r.offlineSeq(),
                "ttsn",
                r.ttsn(),
                "tac",
                r.tac(),
                "recovered",
                r.recovered(),
                "journalId",
                r.journalId());
    }

    private AgentEvent query(ApduTransport card, PurseCard purse, boolean identity) {
        long balance = CardQueries.balance(card);
        List<Map<String, Object>> log = new ArrayList<>();
        for (CardQueries.LogEntry e : CardQueries.transactionLog(card)) {
            log.add(Map.of(
                    "seq",
                    e.seq(),
                    "amount",
                    e.amount(),
                    "type",
                    e.type(),
                    "typeName",
                    e.typeName(),
                    "terminal",
                    e.terminalId(),
                    "date",
                    e.date(),
                    "time",
                    e.time()));
        }
        AgentEvent info = AgentEvent.of("balance", "asn", purse.maskedAsn(), "balance", balance, "log", log);
        if (!identity) {
            return info;
        }
        events.publish(info);
        events.publish(AgentEvent.of("pin", "en", "Enter your PIN", "zh", "请输入密码"));
        char[] pin;
        try {
            pin = pins.poll(pinWaitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return info;
        }
        if (pin == null) {
            return info;
        }
        CardQueries.Identity id;
        try {
            id = CardQueries.identity(card, pin);
        } finally {
            Arrays.fill(pin, '\0');
        }
        Object summary = null;
        if (server != null) {
            try {
                summary = server.socialSecuritySummary(id.socialSecurityNumber(), purse.asn());
            } catch (java.io.IOException e) {
                summary = Map.of("unavailable", e.getMessage());
            }
        }
        return AgentEvent.of(
                "identity",
                "asn",
                purse.maskedAsn(),
                "balance",
                balance,
                "log",
                log,
                "name",
                id.maskedName(),
                "number",
                id.maskedNumber(),
                "sex",
                id.sex(),
                "socialSecurity",
                summary == null ? Map.of() : summary);
    }

    private static String describe(TapRequest r) {
        if (r instanceof TapRequest.Pay p) {
            return "pay " + p.purchase().amount() + " fen to " + p.purchase().department();
        }
        if (r instanceof TapRequest.Load l) {
            return "load " + l.amount() + " fen";
        }
        if (r instanceof TapRequest.ChangePin) {
            return "change PIN";
        }
        return "query";
    }
}
