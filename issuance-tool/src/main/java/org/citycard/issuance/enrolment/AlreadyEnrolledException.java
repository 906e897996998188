package org.citycard.issuance.enrolment;

import org.citycard.dictionary.validate.CitizenId;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardState;

/**
 * The person is enrolled already: an application or card of theirs is not ended. Enrolment is idempotent per ID
 * number, so nothing was stored; the message names the existing application and what to do instead.
 */
public final class AlreadyEnrolledException extends IllegalStateException {
    private final long applicationId;
    private final CardState state;
    private final String rule;

    public AlreadyEnrolledException(String citizenId, CardRecord existing) {
        super("citizen_id '" + CitizenId.mask(citizenId) + "': " + rule(existing));
        this.applicationId = existing.id();
        this.state = existing.state();
        this.rule = rule(existing);
    }

    /** The message without the field and value. */
    public String rule() {
        return rule;
    }

    /** The existing application's number. */
    public long applicationId() {
        return applicationId;
    }

    public CardState state() {
        return state;
    }

    private static String rule(CardRecord r) {
        String next =
                switch (r.state()) {
                    case APPLIED -> "correct it with 'issue edit " + r.id() + "' if its data is wrong";
                    case LOST -> "a lost card is replaced ('issue replace " + r.id() + "')";
                    case EXPIRED -> "an expired card is renewed ('issue renew " + r.id() + "')";
                    default -> "one card per person";
                };
        return "already enrolled as application " + r.id() + " (state "
                + r.state().label() + "); nothing was enrolled: " + next;
    }
}
