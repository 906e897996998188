package org.citycard.clearing.reference;

/**
 * The card's shadow account: where the server's view of the card's counters and balance chain stands.
 *
 * @param nextOfflineSeq the offline counter the next purchase record must carry
 * @param chainBalance the card balance after the last accepted purchase and the loads placed before it
 * @param chainOnlineSeq the online counter of the last load placed in the chain, -1 when none
 * @param purchaseCount accepted purchases
 * @param held records of this card waiting in quarantine for a gap to close
 * @param pendingLoads completed loads not yet placed in the chain (no purchase after them uploaded yet)
 */
public record CardAccount(
        String asn,
        int nextOfflineSeq,
        long chainBalance,
        int chainOnlineSeq,
        long purchaseCount,
        int held,
        int pendingLoads) {}
