package org.citycard.issuance.life;

import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.server.CardRegistryClient;

/** The card-life services of a tool, talking to one clearing server. */
public final class CardLife {
    private final CardLifeService cards;
    private final ReplacementService replacements;

    public CardLife(IssuanceTool tool, CardRegistryClient server) {
        this(
                tool,
                server,
                tool.dictionary().parameter("offline_counter_warning").asInt());
    }

    /**
     * @param counterWarning the offline counter from which a card in the reader is renewed whatever its expiry
     *     (dictionary parameter offline_counter_warning; tests lower it, a card's counter starts at 0)
     */
    CardLife(IssuanceTool tool, CardRegistryClient server, int counterWarning) {
        LifeSupport support =
                new LifeSupport(tool.db(), tool.dictionary(), tool.audit(), tool.workflow(), tool.clock(), server);
        this.replacements = new ReplacementService(support, tool.enrolment(), counterWarning);
        this.cards = new CardLifeService(support, replacements);
    }

    /** Distribution, activation, loss, found, PIN reset, expiry, late reports. */
    public CardLifeService cards() {
        return cards;
    }

    /** Replacement, renewal, balance moves, cancellation and refunds. */
    public ReplacementService replacements() {
        return replacements;
    }
}
