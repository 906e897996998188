package org.citycard.system.city;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the citizens saw during the day, kept by the demo beside the system (never read from it): receipts per
 * department, loads, queries, torn taps and how they ended, each card's balance by its own receipts, and anything
 * that went differently from the plan. The summary compares these books with the cards and the server.
 */
public final class DayBook {
    /** Count and amount (fen). */
    public record Tally(long count, long amount) {
        Tally plus(long fen) {
            return new Tally(count + 1, amount + fen);
        }
    }

    private final long[] balances;
    private final Map<String, Tally> receipts = new TreeMap<>();
    private Tally loads = new Tally(0, 0);
    private int balanceQueries;
    private int balanceMismatches;
    private int identityQueries;
    private int provenAfterLoss;
    private int voidedAndPaidAgain;
    private int blockedAtTerminal;
    private int refusedAsBlocked;
    private final AtomicLong taps = new AtomicLong();
    private final List<String> anomalies = new ArrayList<>();
    private final java.util.Set<Integer> paidCards = new java.util.TreeSet<>();
    private final java.util.Set<Integer> loadedCards = new java.util.TreeSet<>();

    public DayBook(int cards) {
        this.balances = new long[cards];
    }

    public synchronized long balance(int card) {
        return balances[card];
    }

    public synchronized void receipt(int card, String department, long amount) {
        balances[card] -= amount;
        paidCards.add(card);
        receipts.merge(department, new Tally(1, amount), (a, b) -> a.plus(amount));
    }

    public synchronized void loaded(int card, long amount) {
        balances[card] += amount;
        loadedCards.add(card);
        loads = loads.plus(amount);
    }

    public synchronized void balanceQuery(boolean agrees) {
        balanceQueries++;
        if (!agrees) {
            balanceMismatches++;
        }
    }

    public synchronized void identityQuery() {
        identityQueries++;
    }

    /** A torn purchase ended on the second tap: proven from the card, or voided and paid again. */
    public synchronized void tornEnded(boolean proven) {
        if (proven) {
            provenAfterLoss++;
        } else {
            voidedAndPaidAgain++;
        }
    }

    public synchronized void lostCardTap(boolean blockedNow) {
        if (blockedNow) {
            blockedAtTerminal++;
        } else {
            refusedAsBlocked++;
        }
    }

    public void tapped() {
        taps.incrementAndGet();
    }

    public synchronized void anomaly(String what) {
        anomalies.add(what);
    }

    public long taps() {
        return taps.get();
    }

    public synchronized Map<String, Tally> receipts() {
        return new TreeMap<>(receipts);
    }

    /** The cards (by index) that paid at least once. */
    public synchronized java.util.Set<Integer> paidCards() {
        return java.util.Set.copyOf(paidCards);
    }

    /** The cards (by index) loaded at least once. */
    public synchronized java.util.Set<Integer> loadedCards() {
        return java.util.Set.copyOf(loadedCards);
    }

    public synchronized Tally loads() {
        return loads;
    }

    public synchronized int balanceQueries() {
        return balanceQueries;
    }

    public synchronized int balanceMismatches() {
        return balanceMismatches;
    }

    public synchronized int identityQueries() {
        return identityQueries;
    }

    public synchronized int provenAfterLoss() {
        return provenAfterLoss;
    }

    public synchronized int voidedAndPaidAgain() {
        return voidedAndPaidAgain;
    }

    public synchronized int blockedAtTerminal() {
        return blockedAtTerminal;
    }

    public synchronized int refusedAsBlocked() {
        return refusedAsBlocked;
    }

    public synchronized List<String> anomalies() {
        return List.copyOf(anomalies);
    }
}
