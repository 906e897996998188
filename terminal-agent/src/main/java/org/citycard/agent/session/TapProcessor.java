package org.citycard.agent.session;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.citycard.agent.hotlist.ServerApi;
import org.citycard.agent.journal.CitizenIds;
import org.citycard.agent.journal.LocalLists;
import org.citycard.agent.purse.CardQueries;
import org.citycard.agent.purse.HotlistBlocker;
import org.citycard.agent.purse.LoadService;
import org.citycard.agent.purse.OfflineRefusedException;
import org.citycard.agent.purse.OfflineRules;
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
 * an event for the pages ({@link TapEvents}). An armed request is for the citizen standing at the terminal now: it
 * expires ({@link #armExpiry}, 60 s by default) and any tap that reaches a card clears it, a refused one too, so the
 * next citizen never pays the previous one's bill. Only when the card's answer was lost does it stay armed, for
 * that card alone, so its next tap proves the lost answer instead of paying twice.
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
    /** The default time an armed payment or load waits for its card. */
    public static final java.time.Duration ARM_EXPIRY = java.time.Duration.ofSeconds(60);

    private final AtomicReference<Armed> armed = new AtomicReference<>();
    private volatile TapRequest idleRequest = new TapRequest.Query(false);
    private volatile long armExpiryNanos = ARM_EXPIRY.toNanos();
    private volatile java.util.function.LongSupplier ticker = System::nanoTime;

    /**
     * An armed request: until when it waits (monotonic nanos), and the card it is kept for after a lost answer
     * (null: the next card).
     */
    private record Armed(TapRequest request, long expiresAt, String forAsn) {}

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
        long expiry = armExpiryNanos;
        armed.set(new Armed(request, ticker.getAsLong() + expiry, null));
        events.publish(
                AgentEvent.of("armed", "request", TapEvents.describe(request), "expiresInMs", expiry / 1_000_000));
    }

    public void disarm() {
        armed.set(null);
        events.publish(AgentEvent.of("idle"));
    }

    /** The request the next tap serves; null when none is armed or it expired (then it is cleared). */
    public TapRequest armedRequest() {
        Armed a = current();
        return a == null ? null : a.request();
    }

    /**
     * How long an armed payment, load or PIN change waits for its card (default {@link #ARM_EXPIRY}); applies to
     * requests armed from now on.
     */
    public void armExpiry(java.time.Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(
                    "arm expiry " + d + ": give a positive time (default " + ARM_EXPIRY + ")");
        }
        this.armExpiryNanos = d.toNanos();
    }

    /** The monotonic clock of the expiry (nanos; {@link System#nanoTime} unless a test moves time itself). */
    void ticker(java.util.function.LongSupplier t) {
        this.ticker = t;
    }

    /** The armed request unless it has expired; an expired one is cleared and the pages told. */
    private Armed current() {
        Armed a = armed.get();
        if (a != null && ticker.getAsLong() - a.expiresAt() >= 0) {
            if (armed.compareAndSet(a, null)) {
                wipe(a.request());
                events.publish(AgentEvent.of(
                        "armExpired",
                        "request",
                        TapEvents.describe(a.request()),
                        "en",
                        "The time to tap the card is up. Please start again.",
                        "zh",
                        "刷卡时间已过，请重新开始"));
            }
            return null;
        }
        return a;
    }

    private static void wipe(TapRequest r) {
        if (r instanceof TapRequest.ChangePin cp) {
            Arrays.fill(cp.oldPin(), '\0');
            Arrays.fill(cp.newPin(), '\0');
        }
    }

    /** What a tap does when nothing is armed: the kiosk asks for the PIN (identity), the counter does not. */
    public void idleRequest(TapRequest r) {
        this.idleRequest = r;
    }

    public void pinWait(long ms) {
        query.pinWait(ms);
    }

    /**
     * The PIN typed on the kiosk's pad, for the query that asks for it now (after its {@code pin} or
     * {@code pinRetry} event); never logged, cleared after use. False, and the PIN wiped, when no query waits for
     * one: a PIN is never kept for a card that has not asked.
     */
    public boolean offerPin(char[] pin) {
        return query.offerPin(pin);
    }

    /** The citizen gave up at the PIN pad: the tap ends with what it has read (balance and log); false when no query waits. */
    public boolean cancelPin() {
        return query.cancelPin();
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
        Taken taken = new Taken();
        try {
            result = run(card, taken);
        } catch (CardLostException e) {
            keepForTheSameCard(taken);
            result = TapEvents.lost(e);
        } catch (CardRefusedException e) {
            result = TapEvents.refused(e);
        } catch (OfflineRefusedException e) {
            LOG.log(System.Logger.Level.INFO, "offline rule " + e.code() + " refused: " + e.getMessage());
            result = TapEvents.offlineRefused(e);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "tap failed: " + CitizenIds.mask(String.valueOf(e)),
                    CitizenIds.masked(e));
            result = TapEvents.failed(e);
        } finally {
            query.endTap();
        }
        events.publish(result);
        return result;
    }

    /** What a tap took from the armed slot once it knew the card: kept again only when the answer was lost. */
    private static final class Taken {
        Armed armed;
        String asn;
    }

    /** The card's answer was lost: the request stays armed for this card alone (its next tap proves it). */
    private void keepForTheSameCard(Taken t) {
        if (t.armed != null && t.asn != null && !(t.armed.request() instanceof TapRequest.ChangePin)) {
            armed.compareAndSet(null, new Armed(t.armed.request(), t.armed.expiresAt(), t.asn));
        }
    }

    private AgentEvent run(ApduTransport card, Taken taken) {
        PurseCard purse = PurseCard.select(card);
        // the card is known: this tap takes the armed request, whatever it ends in (a card kept a lost answer's
        // request for takes it; another card clears it and gets the idle request)
        Armed a = current();
        if (a != null && armed.compareAndSet(a, null)) {
            if (a.forAsn() == null || a.forAsn().equals(purse.asn())) {
                taken.armed = a;
                taken.asn = purse.asn();
            } else {
                wipe(a.request());
            }
        }
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
            taken.armed = null;
            long id = blocker.block(card, purse);
            return TapEvents.hotlisted(purse.maskedAsn(), id);
        }
        TapRequest req = taken.armed == null ? idleRequest : taken.armed.request();
        return serve(card, purse, req, rec);
    }

    /** The request of this tap on a card that is selected, proven and not hotlisted. */
    private AgentEvent serve(ApduTransport card, PurseCard purse, TapRequest req, Recovery.Outcome rec) {
        if (req instanceof TapRequest.Pay pay) {
            for (PurchaseResult done : rec.completedPurchases()) {
                // a concession card's lost purchase was debited its concession fare, not the full fare asked
                if (sameAs(done, pay.purchase())
                        || sameAs(
                                done,
                                pay.purchase(),
                                purchases.quote(purse, pay.purchase()).discounted())) {
                    return TapEvents.receipt(done);
                }
            }
            PurchaseResult r = purchases.purchase(card, purse, pay.purchase());
            // the counter the card used for this purchase: near its end, the receipt tells the holder
            String warning;
            try {
                warning = OfflineRules.of(lists.parameters())
                        .counterWarning(r.offlineSeq())
                        .orElse(null);
            } catch (IllegalArgumentException e) {
                warning = null; // the purchase is done: a parameter changed since is no reason to hide its receipt
            }
            return TapEvents.receipt(r, warning);
        }
        if (req instanceof TapRequest.Load load) {
            return TapEvents.load(purse.maskedAsn(), loads.load(card, purse, load.amount()));
        }
        if (req instanceof TapRequest.ChangePin cp) {
            try {
                CardQueries.changePin(card, cp.oldPin(), cp.newPin());
            } finally {
                Arrays.fill(cp.oldPin(), '\0');
                Arrays.fill(cp.newPin(), '\0');
            }
            return TapEvents.pinChanged();
        }
        return query.query(card, purse, ((TapRequest.Query) req).identity());
    }

    private static boolean sameAs(PurchaseResult done, PurchaseRequest want) {
        return sameAs(done, want, want.amount());
    }

    private static boolean sameAs(PurchaseResult done, PurchaseRequest want, long charged) {
        return done.amount() == charged
                && done.department().equals(want.department())
                && done.payee().trim().equals(want.payee().trim());
    }
}
