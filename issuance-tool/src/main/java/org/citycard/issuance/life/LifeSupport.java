package org.citycard.issuance.life;

import java.time.Clock;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.audit.AuditLog;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.staff.AccessDeniedException;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.Workflow;

/** What the card-life services share: the database, the workflow, the server, and the counter's identity check. */
final class LifeSupport {
    final Database db;
    final Dictionary dict;
    final AuditLog audit;
    final Workflow workflow;
    final Clock clock;
    final CardRegistryClient server;

    LifeSupport(
            Database db, Dictionary dict, AuditLog audit, Workflow workflow, Clock clock, CardRegistryClient server) {
        this.db = db;
        this.dict = dict;
        this.audit = audit;
        this.workflow = workflow;
        this.clock = clock;
        this.server = server;
    }

    CardRecord card(String reference) {
        return db.read(c -> CardRepository.resolve(c, reference));
    }

    /**
     * The counter's identity check: the ID number on the document the citizen shows must be the holder's. A failed
     * check is audited and refused.
     */
    void checkIdentity(Staff clerk, CardRecord card, String presentedId, AuditAction action) {
        String presented = presentedId == null ? "" : presentedId.strip().toUpperCase(java.util.Locale.ROOT);
        if (!presented.equals(card.citizenId())) {
            audit.record(
                    clerk,
                    AuditAction.IDENTITY_CHECK_FAILED,
                    card.citizenId(),
                    card.asn(),
                    action.name() + " refused: the ID document shown is not the holder's");
            throw new AccessDeniedException("identity check failed: the ID number shown ("
                    + CitizenId.mask(presented) + ") is not the holder's of card " + card.id()
                    + "; the holder or a person with their authorisation must come with the holder's ID document");
        }
    }

    static String requireAsn(CardRecord card) {
        if (card.asn() == null) {
            throw new IllegalStateException("card " + card.id() + " has no ASN yet: it is "
                    + card.state().label());
        }
        return card.asn();
    }
}
