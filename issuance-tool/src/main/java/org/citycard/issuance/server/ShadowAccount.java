package org.citycard.issuance.server;

/**
 * The server's shadow account of a card.
 *
 * @param chainBalance the balance after the last record placed in the chain (fen)
 * @param held records waiting in quarantine for a gap to close
 * @param pendingLoads completed loads not yet placed in the chain
 */
public record ShadowAccount(String asn, long chainBalance, int held, int pendingLoads) {
    /** True when nothing of the card is still waiting at the server. */
    public boolean settled() {
        return held == 0 && pendingLoads == 0;
    }
}
