package org.citycard.issuance.workflow;

/** A card was asked to move to a state its current state does not lead to (DESIGN §3.6, dictionary card-state). */
public final class TransitionRefusedException extends IllegalStateException {
    private final CardState from;
    private final CardState to;

    public TransitionRefusedException(long cardId, CardState from, CardState to) {
        super(message(cardId, from, to));
        this.from = from;
        this.to = to;
    }

    public CardState from() {
        return from;
    }

    public CardState to() {
        return to;
    }

    private static String message(long cardId, CardState from, CardState to) {
        String base = "card " + cardId + " is " + from.label() + " and cannot move to " + to.label();
        if (from.isFinal()) {
            return base + ": " + from.en().toLowerCase(java.util.Locale.ROOT)
                    + " is final, the card never changes state" + " again";
        }
        return base + "; from here it may move to "
                + from.next().stream().map(CardState::label).toList();
    }
}
