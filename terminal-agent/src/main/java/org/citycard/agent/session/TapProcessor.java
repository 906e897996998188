package org.citycard.agent.session;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.citycard.agent.hotlist.ServerApi;
import org.citycard.agent.journal.LocalLists;
import org.citycard.agent.purse.CardQueries;
import org.citycard.agent.purse.HotlistBlocker;
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
 * the armed request (pay, load, change PIN) or the query the kiosk shows ({@link CardQuery}). Each step publishes
 * an event for the pages ({@link TapEvents}). A request stays armed when the card's answer was lost, so the next
 * tap proves it instead of paying twice.
 */
public final class TapProcessor implements TapHandler {
    private static final System.Logger LOG = System.getLogger(TapProcessor.class.getName());
    private final PurchaseService purchases;
    private final LoadService loads;
    private final Recovery recovery;
    private final HotlistBlocker blocker;
    private final LocalLists lists;
    private final EventBus events;
    private final CardQuery query;
    private final AtomicReference<TapRequest> armed = new AtomicReference<>();
    private volatile TapRequest idleRequest = new TapRequest.Query(false);

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
        this.events = events;
        this.query = new CardQuery(server, events);
    }

    /** Arms the next tap; replaces an armed request that has not been served. */
    public void arm(TapRequest request) {
        armed.set(request);
        events.publish(AgentEvent.of("armed", "request", TapEvents.describe(request)));
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
        query.pinWait(ms);
    }

    /** The PIN typed on the kiosk's pad for the card on the reader; never logged, cleared after use. */
    public void offerPin(char[] pin) {
        query.offerPin(pin);
    }

    /** The citizen gave up at the PIN pad: the tap ends with what it has read (balance and log). */
    public void cancelPin() {
        query.cancelPin();
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
            result = TapEvents.lost(e);
        } catch (CardRefusedException e) {
            result = TapEvents.refused(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "tap failed", e);
            result = TapEvents.failed(e);
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
            return TapEvents.blocked(purse.maskedAsn());
        }
        Recovery.Outcome rec = recovery.recover(card, purse);
        if (!rec.nothing()) {
            events.publish(TapEvents.recovered(rec));
        }
        if (lists.hotlisted(purse.asn())) {
            long id = blocker.block(card, purse);
            armed.set(null);
            return TapEvents.hotlisted(purse.maskedAsn(), id);
        }
        TapRequest req = armed.get();
        if (req == null) {
            req = idleRequest;
        }
        return serve(card, purse, req, rec);
    }

    /** The request of this tap on a card that is selected, proven and not hotlisted. */
    private AgentEvent serve(ApduTransport card, PurseCard purse, TapRequest req, Recovery.Outcome rec) {
        if (req instanceof TapRequest.Pay pay) {
            for (PurchaseResult done : rec.completedPurchases()) {
                if (sameAs(done, pay.purchase())) {
                    armed.compareAndSet(req, null);
                    return TapEvents.receipt(done);
                }
            }
            PurchaseResult r = purchases.purchase(card, purse, pay.purchase());
            armed.compareAndSet(req, null);
            return TapEvents.receipt(r);
        }
        if (req instanceof TapRequest.Load load) {
            var r = loads.load(card, purse, load.amount());
            armed.compareAndSet(req, null);
            return TapEvents.load(purse.maskedAsn(), r);
        }
        if (req instanceof TapRequest.ChangePin cp) {
            try {
                CardQueries.changePin(card, cp.oldPin(), cp.newPin());
            } finally {
                Arrays.fill(cp.oldPin(), '\0');
                Arrays.fill(cp.newPin(), '\0');
                armed.compareAndSet(req, null);
            }
            return TapEvents.pinChanged();
        }
        return query.query(card, purse, ((TapRequest.Query) req).identity());
    }

    private static boolean sameAs(PurchaseResult done, PurchaseRequest want) {
        return done.amount() == want.amount()
                && done.department().equals(want.department())
                && done.payee().trim().equals(want.payee().trim());
    }
}
