package org.citycard.system.city;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.dictionary.Dictionary;
import org.citycard.system.city.CardCentre.IssuedCard;
import org.citycard.system.city.CityTerminal.Pull;
import org.citycard.system.city.TapPlan.Planned;

/**
 * Runs the planned taps: every kiosk and department terminal works through its own queue on its own thread, as
 * citizens queue at each; a card is at one reader at a time. A citizen whose card is short of a purchase first tops
 * it up at the counter (an online load). A torn purchase is followed by the citizen's second tap at once. Each tap's
 * outcome goes to the {@link DayBook}; anything the plan did not expect is an anomaly.
 */
final class DayRunner {
    /** What a top-up at the counter loads (fen). */
    static final long TOP_UP = 20_000;

    private static final String DEMO_PIN =
            Dictionary.standard().parameter("default_pin").value();

    private final List<CityTerminal> terminals;
    private final CityTerminal counter;
    private final List<IssuedCard> cards;
    private final DayBook book;
    private final ReentrantLock[] locks;

    DayRunner(List<CityTerminal> terminals, List<IssuedCard> cards, DayBook book) {
        this.terminals = terminals;
        this.counter = terminals.get(0);
        this.cards = cards;
        this.book = book;
        this.locks = new ReentrantLock[cards.size()];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Loads every card at the counter (online, ISO 8583). */
    void loadAll(long amount, Progress.Bar bar) {
        for (int i = 0; i < cards.size(); i++) {
            load(i, amount);
            bar.step();
        }
    }

    private void load(int card, long amount) {
        AgentEvent e = counter.tap(cards.get(card).card(), new TapRequest.Load(amount), Pull.NONE);
        book.tapped();
        if ("loaded".equals(e.type())) {
            book.loaded(card, amount);
        } else {
            book.anomaly("load of " + amount + " fen to card " + cards.get(card).maskedAsn() + " at the counter: "
                    + e.type() + " " + e.data().get("en"));
        }
    }

    /** Runs the taps, one thread per terminal, and waits for all of them. */
    void run(List<Planned> taps, Progress.Bar bar) throws InterruptedException {
        Map<Integer, List<Planned>> byTerminal = new LinkedHashMap<>();
        for (Planned p : taps) {
            byTerminal.computeIfAbsent(p.terminal(), k -> new ArrayList<>()).add(p);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, byTerminal.size()), r -> {
            Thread t = new Thread(r, "citycard-citizens");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<Planned> queue : byTerminal.values()) {
                done.add(pool.submit(() -> {
                    for (Planned p : queue) {
                        try {
                            execute(p);
                        } catch (RuntimeException e) {
                            book.anomaly("tap " + p.index() + " at "
                                    + terminals.get(p.terminal()).terminalId() + " failed: " + e);
                        }
                        bar.step();
                    }
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    book.anomaly("a terminal's queue stopped: " + e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void execute(Planned p) {
        ReentrantLock lock = locks[p.card()];
        lock.lock();
        try {
            CityTerminal t = terminals.get(p.terminal());
            IssuedCard card = cards.get(p.card());
            switch (p.action()) {
                case BALANCE -> balance(t, p.card(), card);
                case IDENTITY -> identity(t, card);
                case PAY -> pay(t, p, card);
            }
        } finally {
            lock.unlock();
        }
    }

    private void balance(CityTerminal t, int index, IssuedCard card) {
        AgentEvent e = t.tap(card.card(), new TapRequest.Query(false), Pull.NONE);
        book.tapped();
        if (!"balance".equals(e.type())) {
            book.anomaly("balance query of " + card.maskedAsn() + " at " + t.terminalId() + ": " + describe(e));
            return;
        }
        book.balanceQuery(((Number) e.data().get("balance")).longValue() == book.balance(index));
    }

    private void identity(CityTerminal t, IssuedCard card) {
        AgentEvent e;
        // the citizen types the PIN when the agent asks for it (a PIN typed before is refused); the terminal's
        // monitor keeps any other tap at this terminal (a top-up at the counter) from running meanwhile
        synchronized (t) {
            Runnable off = t.agent().events().subscribe(ev -> {
                if ("pin".equals(ev.type())) {
                    t.agent().taps().offerPin(DEMO_PIN.toCharArray());
                }
            });
            try {
                e = t.tap(card.card(), new TapRequest.Query(true), Pull.NONE);
            } finally {
                off.run();
            }
        }
        book.tapped();
        Object summary = e.data().get("socialSecurity");
        if ("identity".equals(e.type()) && summary instanceof java.util.Map<?, ?> m && m.containsKey("unavailable")) {
            // the card's INTERNAL AUTHENTICATE of the server's challenge must have got the holder's summary
            book.anomaly("identity query of " + card.maskedAsn() + " at " + t.terminalId()
                    + ": no social-security summary: " + m.get("unavailable"));
        } else if ("identity".equals(e.type())) {
            book.identityQuery();
        } else {
            book.anomaly("identity query of " + card.maskedAsn() + " at " + t.terminalId() + ": " + describe(e));
        }
    }

    private void pay(CityTerminal t, Planned p, IssuedCard card) {
        if (book.balance(p.card()) < p.amount()) {
            load(p.card(), TOP_UP);
        }
        PurchaseRequest req = new PurchaseRequest(p.amount(), p.department().code(), p.payee(), p.category());
        AgentEvent e = t.tap(card.card(), new TapRequest.Pay(req), p.pull());
        book.tapped();
        if (p.pull() == Pull.NONE) {
            receipt(t, p, card, e);
            return;
        }
        if (!"error".equals(e.type()) || !"lost".equals(e.data().get("kind"))) {
            book.anomaly("torn tap of " + card.maskedAsn() + " at " + t.terminalId() + " was not reported as a card"
                    + " that left too early: " + describe(e));
        }
        // the citizen taps again: the purchase is still armed, the agent proves the lost answer first
        AgentEvent again = t.tap(card.card(), null, Pull.NONE);
        book.tapped();
        if (receipt(t, p, card, again)) {
            boolean proven = Boolean.TRUE.equals(again.data().get("recovered"));
            book.tornEnded(proven);
            if (proven != (p.pull() == Pull.AFTER_DEBIT)) {
                book.anomaly("torn tap " + p.pull() + " of " + card.maskedAsn() + " ended "
                        + (proven ? "proven from the card" : "paid again") + ", not as the tear implies");
            }
        }
    }

    private boolean receipt(CityTerminal t, Planned p, IssuedCard card, AgentEvent e) {
        if (!"receipt".equals(e.type())) {
            book.anomaly("purchase of " + p.amount() + " fen by " + card.maskedAsn() + " at " + t.terminalId() + ": "
                    + describe(e));
            return false;
        }
        long amount = ((Number) e.data().get("amount")).longValue();
        book.receipt(p.card(), p.department().code(), amount);
        long shown = ((Number) e.data().get("balance")).longValue();
        if (shown != book.balance(p.card())) {
            book.anomaly("receipt of " + card.maskedAsn() + " shows balance " + shown + " fen, the citizen's books say "
                    + book.balance(p.card()));
        }
        return true;
    }

    /**
     * The lost card after its loss report: tapped at a terminal that has fetched the new hotlist (the agent blocks it
     * with the PSAM's block MAC), then at another, which finds it blocked.
     */
    void tapLostCard(int card, CityTerminal first, CityTerminal second) {
        IssuedCard lost = cards.get(card);
        PurchaseRequest fare = CityLayout.transitFare();
        AgentEvent e = first.tap(lost.card(), new TapRequest.Pay(fare), Pull.NONE);
        book.tapped();
        if ("hotlisted".equals(e.type())) {
            book.lostCardTap(true);
        } else {
            book.anomaly("the lost card at " + first.terminalId() + " was not blocked: " + describe(e));
        }
        AgentEvent again = second.tap(lost.card(), new TapRequest.Pay(fare), Pull.NONE);
        book.tapped();
        if ("blocked".equals(again.type())) {
            book.lostCardTap(false);
        } else {
            book.anomaly(
                    "the blocked card at " + second.terminalId() + " was not refused as blocked: " + describe(again));
        }
        second.agent().taps().disarm();
    }

    private static String describe(AgentEvent e) {
        Object en = e.data().get("en");
        return e.type() + (en == null ? "" : " (" + en + ")");
    }
}
