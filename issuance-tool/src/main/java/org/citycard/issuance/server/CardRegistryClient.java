package org.citycard.issuance.server;

import java.util.Optional;

/**
 * What the issuance tool tells the clearing server about cards, and asks it. The server keeps the cards it accepts
 * money for, their shadow accounts and the hotlist; the tool reports each new card, every change of state, losses
 * (hotlist) and finds, and has the server move or refund a card's balance on replacement or cancellation. Every
 * call is idempotent where the server allows it, so a call repeated after a lost answer does no harm.
 */
public interface CardRegistryClient {
    /** Reports a newly personalised card (its shadow account starts empty). */
    RemoteCard register(CardReport report);

    /** The server's view of a card, or empty when it does not know the card. */
    Optional<RemoteCard> card(String asn);

    /** The card's shadow account: balance and records still outstanding. */
    Optional<ShadowAccount> account(String asn);

    /** Reports a change of state (card-state code). */
    RemoteCard changeState(String asn, String stateCode);

    /** Puts a card on the hotlist (loss report, 挂失). */
    void hotlist(String asn, String reason);

    /** Takes a card off the hotlist (found, 解挂). */
    void unhotlist(String asn);

    /**
     * Asks the server to move the old card's balance to the new card (replacement or renewal). The server moves it
     * only once the old card's outstanding records are in; otherwise the answer says PENDING and why.
     */
    Settlement moveBalance(String oldAsn, String newAsn);

    /** Asks the server to refund a cancelled card's balance to the holder's bank account. */
    Settlement refund(String asn, RefundAccount account);

    /**
     * Has the server pay a returned (cancelled) card's deposit out in cash at the counter: REFUNDED with the amount.
     * The server refuses (409) a deposit refunded or moved already; without this call the deposit goes with the
     * card's {@link #refund} in the next day close's bank file.
     */
    /**
     * Tells the server the deposit (押金, fen) taken when the card was handed to its holder: HELD with the amount. A
     * repeat (the server holds the card's deposit already) answers the deposit the server holds.
     */
    default Settlement takeDeposit(String asn, long amount) {
        throw new ServerException(501, "this registry does not take deposits (" + this + ")");
    }

    default Settlement refundDepositInCash(String asn) {
        throw new ServerException(501, "this registry does not refund deposits (" + this + ")");
    }

    /**
     * Tells the server the head of the tool's audit chain (issue 15); the server refuses a head older than the one it
     * holds, or the same entry with another MAC (409). A client without a server of its own does nothing.
     */
    default void reportAuditHead(AuditHead head) {}

    /** The head of this card centre's audit chain the server holds, or empty when it holds none. */
    default Optional<AuditHead> auditHead() {
        return Optional.empty();
    }

    /**
     * Tells the server that a counter re-keyed the card to key version {@code keyVersion} (issue 22, {@code PUT
     * /api/v1/cards/{asn}/key-version}): it then verifies the card with that version's master keys. A repeat does no
     * harm.
     */
    default RemoteCard rekeyed(String asn, int keyVersion) {
        throw new ServerException(501, "this registry does not take re-keyed cards (" + this + ")");
    }

    /** The answer when no server is configured: every call fails with a message saying how to configure one. */
    static CardRegistryClient none() {
        return new UnconfiguredRegistryClient();
    }
}
