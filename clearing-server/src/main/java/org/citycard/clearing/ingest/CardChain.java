package org.citycard.clearing.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.citycard.dictionary.record.OfflineRecord;

/**
 * A card's shadow account while a batch (or a load completion) is processed: the counter the next purchase must
 * carry and the balance chain. Purchases are ordered by the offline counter, loads by the online counter; a load
 * sits between two purchases when its balance before the load (from the card's INITIALIZE FOR LOAD answer, MAC1
 * verified) is where the chain stands. So "balance before = previous balance after" holds across the loads the
 * card took in between, whatever order terminals upload in.
 */
public final class CardChain {
    private final String asn;
    private final Instant hotlistedAt;
    private final long version;
    private int nextOfflineSeq;
    private long chainBalance;
    private int chainOnlineSeq;
    private long purchaseCount;
    private long purchaseAmount;
    private long lastPurchaseId;
    private int held;
    private List<LoadLink> pendingLoads;
    private boolean changed;

    /**
     * A chain with its purchase total and the id of its last purchase (0: none), the head of the card's list of
     * purchases: each purchase row names the one before it ({@code purchase.prev_purchase_id}, migration V3_37), so a
     * card's purchases are read from {@code card_account.last_purchase_id} backwards by the purchase key, and the
     * ingest maintains no card index of its own.
     */
    public CardChain(
            String asn,
            Instant hotlistedAt,
            long version,
            int nextOfflineSeq,
            long chainBalance,
            int chainOnlineSeq,
            long purchaseCount,
            long purchaseAmount,
            long lastPurchaseId,
            int held,
            List<LoadLink> pendingLoads) {
        this.asn = asn;
        this.purchaseAmount = purchaseAmount;
        this.lastPurchaseId = lastPurchaseId;
        this.hotlistedAt = hotlistedAt;
        this.version = version;
        this.nextOfflineSeq = nextOfflineSeq;
        this.chainBalance = chainBalance;
        this.chainOnlineSeq = chainOnlineSeq;
        this.purchaseCount = purchaseCount;
        this.held = held;
        this.pendingLoads = new ArrayList<>(pendingLoads);
    }

    /** A completed load not yet placed in the chain. */
    public record LoadLink(int onlineSeq, long balanceBefore, long amount) {}

    /** Where a record would go. */
    public enum Fit {
        /** The next counter, and the balance chain holds. */
        FITS,
        /** The counter was used already. */
        SEQ_USED,
        /** The counter is ahead of the next expected: a record in between is missing. */
        GAP,
        /** Right counter, but the balance before does not follow from the chain and the loads in between. */
        CHAIN_BREAK
    }

    /** A record's place in the chain, computed without changing the chain. */
    public record Placement(Fit fit, long balanceAfter, int onlineSeqAfter, int loadsPlaced, String detail) {}

    public Placement place(OfflineRecord r) {
        if (r.offlineSeq() < nextOfflineSeq) {
            return new Placement(
                    Fit.SEQ_USED,
                    0,
                    0,
                    0,
                    "offline seq " + r.offlineSeq() + " was used already; next expected " + nextOfflineSeq);
        }
        if (r.offlineSeq() > nextOfflineSeq) {
            return new Placement(
                    Fit.GAP,
                    0,
                    0,
                    0,
                    "offline seq " + r.offlineSeq() + " but next expected " + nextOfflineSeq + ": "
                            + (r.offlineSeq() - nextOfflineSeq) + " record(s) missing");
        }
        long balance = chainBalance;
        int online = chainOnlineSeq;
        int placed = 0;
        while (balance != r.balanceBefore() && placed < pendingLoads.size()) {
            LoadLink load = pendingLoads.get(placed);
            if (load.balanceBefore() != balance) {
                break;
            }
            balance += load.amount();
            online = load.onlineSeq();
            placed++;
        }
        if (balance != r.balanceBefore()) {
            return new Placement(
                    Fit.CHAIN_BREAK,
                    0,
                    0,
                    0,
                    "balance before " + r.balanceBefore()
                            + " fen does not follow the chain (" + balance + " fen after seq " + (r.offlineSeq() - 1)
                            + " and " + placed + " load(s))");
        }
        return new Placement(Fit.FITS, balance - r.amount(), online, placed, "");
    }

    /**
     * Moves the chain past an accepted record that becomes purchase {@code purchaseId}; returns the id of the card's
     * purchase before it (0: none), the link the new purchase row keeps.
     */
    public long accept(OfflineRecord r, Placement p, long purchaseId) {
        if (p.fit() != Fit.FITS) {
            throw new IllegalArgumentException("only a fitting record moves the chain: " + p.fit());
        }
        if (p.loadsPlaced() > 0) {
            pendingLoads = new ArrayList<>(pendingLoads.subList(p.loadsPlaced(), pendingLoads.size()));
        }
        chainBalance = p.balanceAfter();
        chainOnlineSeq = p.onlineSeqAfter();
        nextOfflineSeq = r.offlineSeq() + 1;
        purchaseCount++;
        purchaseAmount = Math.addExact(purchaseAmount, r.amount());
        long previous = lastPurchaseId;
        lastPurchaseId = purchaseId;
        changed = true;
        return previous;
    }

    /** A completed load joins the pending loads (kept in online-counter order). */
    public void loadCompleted(LoadLink load) {
        pendingLoads.add(load);
        pendingLoads.sort((a, b) -> Integer.compare(a.onlineSeq(), b.onlineSeq()));
        changed = true;
    }

    public void heldAdded() {
        held++;
        changed = true;
    }

    public void heldReleased() {
        held--;
        changed = true;
    }

    /** True when the card is on the hotlist. */
    public boolean hotlisted() {
        return hotlistedAt != null;
    }

    /** True when a record made at {@code madeAt} falls on or after the card's hotlisting. */
    public boolean hotlistedAt(Instant madeAt) {
        return hotlistedAt != null && !madeAt.isBefore(hotlistedAt);
    }

    public String asn() {
        return asn;
    }

    public long version() {
        return version;
    }

    public int nextOfflineSeq() {
        return nextOfflineSeq;
    }

    public long chainBalance() {
        return chainBalance;
    }

    public int chainOnlineSeq() {
        return chainOnlineSeq;
    }

    public long purchaseCount() {
        return purchaseCount;
    }

    /** The sum of the card's accepted purchases, fen (the card detail of the purse float). */
    public long purchaseAmount() {
        return purchaseAmount;
    }

    /** The id of the card's last accepted purchase; 0 when it has none. */
    public long lastPurchaseId() {
        return lastPurchaseId;
    }

    public int held() {
        return held;
    }

    public int pendingLoadCount() {
        return pendingLoads.size();
    }

    /** The completed loads not yet placed, in online-counter order (a copy). */
    public List<LoadLink> pendingLoads() {
        return List.copyOf(pendingLoads);
    }

    public boolean changed() {
        return changed;
    }
}
