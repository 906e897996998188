package org.citycard.issuance.life;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.validate.Rules;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.enrolment.EnrolmentService;
import org.citycard.issuance.server.RefundAccount;
import org.citycard.issuance.server.Settlement;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.CardState;
import org.citycard.issuance.workflow.TransitionRefusedException;

/**
 * Replacement (补卡) of a lost card, renewal of an expiring one, and cancellation (注销) with refund. A replacement or
 * renewal opens a new application for the holder with the data on file; it is compared and produced like any other.
 * The old card's balance moves to the new card at the server once the old card's outstanding records are in: the
 * server says MOVED (the old card is then REPLACED) or PENDING (tried again at the next activation or {@link
 * #settle}). A cancelled card is hotlisted, blocked for good when it is at the counter, and its balance refunded to
 * the holder's bank account once its records are in.
 */
public final class ReplacementService {
    /** How long before its expiry date an active card may be renewed. */
    public static final int RENEWAL_WINDOW_DAYS = 90;

    private final LifeSupport s;
    private final EnrolmentService enrolment;
    private final CounterCard counter;

    /** @param counterWarning the offline counter from which a card in the reader is renewed at once */
    ReplacementService(LifeSupport support, EnrolmentService enrolment, int counterWarning) {
        this.s = support;
        this.enrolment = enrolment;
        this.counter = new CounterCard(support.dict);
        this.counterWarning = counterWarning;
    }

    private final int counterWarning;

    /** Opens the replacement application of a lost card; returns its number. */
    public long replace(Staff clerk, String reference, String presentedId, String reason) {
        clerk.require(s.db, Permission.COUNTER);
        CardRecord old = s.card(reference);
        if (old.state() != CardState.LOST) {
            throw new IllegalStateException("card " + old.id() + " is "
                    + old.state().label() + ": report it lost first ('issue loss'), then replace it");
        }
        return newApplication(
                clerk,
                old,
                presentedId,
                AuditAction.REPLACE,
                "replacement of lost card " + old.asn()
                        + (reason == null || reason.isBlank() ? "" : ": " + reason.strip()));
    }

    /** Renews a card near or past its expiry: an active card is first moved to EXPIRED; returns the new application. */
    public long renew(Staff clerk, String reference, String presentedId) {
        return renew(clerk, reference, presentedId, null);
    }

    /**
     * Renews a card near or past its expiry, or — with the card in the counter's reader — one whose offline counter
     * has reached {@link #counterWarning} (dictionary parameter {@code offline_counter_warning}: the terminals warn
     * from there and refuse it at FFFF, so it must be replaced whatever its expiry): an active card is first moved to
     * EXPIRED, and its balance moves to the new card like any renewal's ({@link #settle}); returns the new
     * application.
     *
     * @param card the card in the reader (its offline counter read from its transaction log), or null
     */
    public long renew(Staff clerk, String reference, String presentedId, ApduTransport card) {
        clerk.require(s.db, Permission.COUNTER);
        CardRecord old = s.card(reference);
        LocalDate today = LocalDate.now(s.clock.withZone(ZoneId.systemDefault()));
        if (old.state() == CardState.ACTIVE) {
            int counter = -1;
            if (card != null) {
                this.counter.requireCard(card, LifeSupport.requireAsn(old));
                counter = this.counter.offlineCounter(card);
            }
            boolean counterEnds = counter >= counterWarning;
            if (!counterEnds && old.expiryDate().isAfter(today.plusDays(RENEWAL_WINDOW_DAYS))) {
                throw new IllegalStateException("card " + old.id() + " expires on " + old.expiryDate()
                        + "; it can be renewed from " + old.expiryDate().minusDays(RENEWAL_WINDOW_DAYS) + " on"
                        + (card == null
                                ? " (or now, in the reader, when its offline counter has reached " + counterWarning
                                        + ")"
                                : "; its offline counter is at " + counter + ", below " + counterWarning
                                        + " (offline_counter_warning)"));
            }
            s.checkIdentity(clerk, old, presentedId, AuditAction.RENEW);
            s.server.changeState(old.asn(), CardState.EXPIRED.code());
            s.db.inTransaction(c -> s.workflow.move(c, clerk, old.id(), CardState.EXPIRED, "renewal requested"));
        } else if (old.state() != CardState.EXPIRED) {
            throw new IllegalStateException("card " + old.id() + " is "
                    + old.state().label() + "; only an active card near" + " its expiry or an expired card is renewed");
        }
        return newApplication(
                clerk,
                s.card(reference),
                presentedId,
                AuditAction.RENEW,
                "renewal of card " + old.asn() + " expiring " + old.expiryDate());
    }

    private long newApplication(Staff clerk, CardRecord old, String presentedId, AuditAction action, String reason) {
        s.checkIdentity(clerk, old, presentedId, action);
        Optional<CardRecord> existing = s.db.read(c -> CardRepository.replacementOf(c, old.id()));
        if (existing.isPresent()) {
            throw new IllegalStateException("card " + old.id() + " already has replacement application "
                    + existing.get().id() + " (" + existing.get().state().label() + ")");
        }
        return s.db.inTransaction(c -> {
            long id = enrolment.reapply(c, clerk, old.citizenId(), old.cardType(), old.id(), old.insurance(), reason);
            s.audit.record(c, clerk, action, old.citizenId(), old.asn(), reason + "; new application " + id);
            return id;
        });
    }

    /**
     * Asks the server to move the old card's balance to its replacement; MOVED ends the old card (REPLACED).
     *
     * @param reference the old card
     */
    public Settlement settle(Staff clerk, String reference) {
        clerk.require(s.db, Permission.COUNTER);
        return trySettle(clerk, s.card(reference).id());
    }

    Settlement trySettle(Staff clerk, long oldId) {
        CardRecord old = s.db.read(c -> CardRepository.get(c, oldId));
        if (old.state() != CardState.LOST && old.state() != CardState.EXPIRED) {
            throw new IllegalStateException(
                    "card " + old.id() + " is " + old.state().label() + "; there is no balance to move");
        }
        CardRecord replacement = s.db.read(c -> CardRepository.replacementOf(c, oldId))
                .orElseThrow(() -> new IllegalStateException("card " + oldId + " has no replacement"));
        if (replacement.asn() == null || !replacement.serverReported()) {
            throw new IllegalStateException("the replacement " + replacement.id() + " is "
                    + replacement.state().label()
                    + " and not known to the server yet; the balance moves once it is personalised and reported");
        }
        Settlement st = s.server.moveBalance(old.asn(), replacement.asn());
        if (st.pending()) {
            s.db.inTransaction(c -> {
                CardRepository.setSettlement(c, oldId, "PENDING", null);
                s.audit.record(
                        c,
                        clerk,
                        AuditAction.REPLACEMENT_SETTLED,
                        old.citizenId(),
                        old.asn(),
                        "balance move to " + replacement.asn() + " pending: " + st.reason());
                return null;
            });
            return st;
        }
        s.server.changeState(old.asn(), CardState.REPLACED.code());
        s.db.inTransaction(c -> {
            CardRepository.setSettlement(c, oldId, "MOVED", st.amount());
            s.audit.record(
                    c,
                    clerk,
                    AuditAction.REPLACEMENT_SETTLED,
                    old.citizenId(),
                    old.asn(),
                    "balance " + st.amount() + " fen moved to " + replacement.asn());
            return s.workflow.move(c, clerk, oldId, CardState.REPLACED, "balance moved to " + replacement.asn());
        });
        return st;
    }

    /**
     * Cancels a card (注销): hotlisted at the server, CARD BLOCK when the card is at the counter, CANCELLED here, and
     * its balance refunded to the holder's account (now, or once its records are in).
     *
     * @param card the card in the reader, or null when the holder did not bring it
     */
    public Settlement cancel(
            Staff clerk,
            String reference,
            String presentedId,
            RefundAccount account,
            String reason,
            ApduTransport card,
            KeySet keys) {
        clerk.require(s.db, Permission.COUNTER);
        CardRecord r = s.card(reference);
        if (!r.state().mayMoveTo(CardState.CANCELLED)) {
            throw new TransitionRefusedException(r.id(), r.state(), CardState.CANCELLED);
        }
        s.checkIdentity(clerk, r, presentedId, AuditAction.CANCEL);
        Optional<CardRecord> replacement = s.db.read(c -> CardRepository.replacementOf(c, r.id()));
        if (replacement.isPresent()) {
            throw new IllegalStateException("card " + r.id() + " is being replaced by application "
                    + replacement.get().id() + "; its balance goes to the new card, it is not refunded");
        }
        checkAccount(account);
        String asn = LifeSupport.requireAsn(r);
        if (card != null) {
            counter.blockCard(card, keys, asn);
        }
        String why = reason == null || reason.isBlank() ? "cancelled at the holder's request" : reason.strip();
        if (r.state() != CardState.LOST) {
            s.server.hotlist(asn, "cancelled");
        }
        s.server.changeState(asn, CardState.CANCELLED.code());
        s.db.inTransaction(c -> {
            s.audit.record(
                    c,
                    clerk,
                    AuditAction.CANCEL,
                    r.citizenId(),
                    asn,
                    why + (card != null ? "; card blocked at the counter" : ""));
            return s.workflow.move(c, clerk, r.id(), CardState.CANCELLED, why);
        });
        return refund(clerk, r.id(), account);
    }

    /** Tries the refund of a cancelled card again (its records were not all in). */
    public Settlement refund(Staff clerk, String reference, RefundAccount account) {
        clerk.require(s.db, Permission.COUNTER);
        checkAccount(account);
        return refund(clerk, s.card(reference).id(), account);
    }

    private Settlement refund(Staff clerk, long id, RefundAccount account) {
        CardRecord r = s.db.read(c -> CardRepository.get(c, id));
        if (r.state() != CardState.CANCELLED || "REFUNDED".equals(r.settlement())) {
            throw new IllegalStateException("card " + id + " is " + r.state().label()
                    + ("REFUNDED".equals(r.settlement()) ? ", refunded already" : ", not cancelled"));
        }
        Settlement st = s.server.refund(r.asn(), account);
        s.db.inTransaction(c -> {
            CardRepository.setSettlement(
                    c, id, st.pending() ? "PENDING" : "REFUNDED", st.pending() ? null : st.amount());
            s.audit.record(
                    c,
                    clerk,
                    AuditAction.CANCEL,
                    r.citizenId(),
                    r.asn(),
                    st.pending()
                            ? "refund pending: " + st.reason()
                            : "balance " + st.amount() + " fen refunded to an account of bank " + account.bankCode());
            return null;
        });
        return st;
    }

    private void checkAccount(RefundAccount a) {
        Rules.checkElement(s.dict, "bank_code", a.bankCode());
        Rules.checkElement(s.dict, "account_number", a.accountNumber());
        Rules.checkElement(s.dict, "account_name", a.accountName());
    }
}
