package org.citycard.issuance.life;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.audit.AuditAction;
import org.citycard.issuance.server.CardReport;
import org.citycard.issuance.server.ServerException;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.CardState;

/**
 * The card's life at the counter after production: distribution to the holder (identity check, the card in the
 * reader checked to be theirs, their own PIN set with RELOAD PIN), activation, loss report (挂失, the card goes on the
 * server's hotlist), found card (解挂), PIN reset and expiry. The server is told first; only when it has accepted
 * does the card change state here, so a call that fails changes nothing and can simply be repeated.
 */
public final class CardLifeService {
    /** The largest deposit the clearing server accepts, fen. */
    public static final long MAX_DEPOSIT = 100_000;

    private final LifeSupport s;
    private final CounterCard counter;
    private final ReplacementService replacements;

    CardLifeService(LifeSupport support, ReplacementService replacements) {
        this.s = support;
        this.counter = new CounterCard(support.dict);
        this.replacements = replacements;
    }

    /**
     * Hands a personalised card to its holder.
     *
     * @param card the card in the counter's reader, or null to skip the check of the physical card
     * @param newPin the PIN the holder types on the PIN pad, or null to keep the initial PIN; required for cards made
     *     with a key store, whose initial PIN nobody knows
     */
    public CardRecord distribute(
            Staff clerk, String reference, String presentedId, ApduTransport card, KeySet keys, char[] newPin) {
        return distribute(clerk, reference, presentedId, card, keys, newPin, 0);
    }

    /**
     * Hands a personalised card to its holder, taking its deposit (押金): the server holds it as a liability until
     * the card is returned ({@link #refundDepositInCash}, or with the cancelled card's refund by bank).
     *
     * @param deposit the deposit taken, fen; 0 for none
     */
    public CardRecord distribute(
            Staff clerk,
            String reference,
            String presentedId,
            ApduTransport card,
            KeySet keys,
            char[] newPin,
            long deposit) {
        if (deposit < 0 || deposit > MAX_DEPOSIT) {
            throw new IllegalArgumentException("deposit " + deposit + " fen: the card deposit in fen, 0 (none).."
                    + MAX_DEPOSIT + " (the clearing server's limit)");
        }
        clerk.require(s.db, Permission.COUNTER);
        CardRecord r = s.card(reference);
        if (r.state() != CardState.PERSONALISED) {
            throw new org.citycard.issuance.workflow.TransitionRefusedException(
                    r.id(), r.state(), CardState.DISTRIBUTED);
        }
        if (deposit > 0 && r.replacesId() != null) {
            throw new IllegalArgumentException("deposit " + deposit + " fen: card " + r.asn() + " replaces card "
                    + r.replacesId() + " and takes that card's deposit at the server; no new deposit is taken (0)");
        }
        s.checkIdentity(clerk, r, presentedId, AuditAction.DISTRIBUTE);
        String asn = LifeSupport.requireAsn(r);
        boolean demoBatch = "demo".equals(batchKeySet(r));
        if (newPin == null && !demoBatch) {
            throw new IllegalArgumentException(
                    "card " + asn + " was made with a key store: its initial PIN is unknown to"
                            + " everyone, so the holder sets a PIN at distribution (--set-pin, card in the reader)");
        }
        if (card != null) {
            counter.requireCard(card, asn);
            if (newPin != null) {
                counter.reloadPin(card, keys, asn, newPin);
            }
        } else if (newPin != null) {
            throw new IllegalArgumentException("setting a PIN needs the card in a reader (--reader)");
        }
        if (deposit > 0) {
            // first: a repeat after a failure answers the deposit the server holds already
            s.server.takeDeposit(asn, deposit);
        }
        s.server.changeState(asn, CardState.DISTRIBUTED.code());
        return s.db.inTransaction(c -> {
            s.audit.record(
                    c,
                    clerk,
                    AuditAction.DISTRIBUTE,
                    r.citizenId(),
                    asn,
                    "card handed to the holder after the "
                            + "identity check" + (card != null ? ", card checked in the reader" : "")
                            + (newPin != null ? ", PIN set by the holder" : "")
                            + (deposit > 0 ? ", deposit " + deposit + " fen taken" : ""));
            return s.workflow.move(c, clerk, r.id(), CardState.DISTRIBUTED, "handed over");
        });
    }

    /**
     * Pays a returned (cancelled) card's deposit out in cash at the counter; the server refuses a deposit refunded or
     * moved already (409), so it is never paid twice.
     */
    public org.citycard.issuance.server.Settlement refundDepositInCash(Staff clerk, String reference) {
        clerk.require(s.db, Permission.COUNTER);
        CardRecord r = s.card(reference);
        String asn = LifeSupport.requireAsn(r);
        if (r.state() != CardState.CANCELLED) {
            throw new IllegalStateException("card " + asn + " is " + r.state()
                    + "; its deposit is refunded once the card is returned and cancelled");
        }
        org.citycard.issuance.server.Settlement st = s.server.refundDepositInCash(asn);
        s.db.inTransaction(c -> {
            s.audit.record(
                    c,
                    clerk,
                    AuditAction.CANCEL,
                    r.citizenId(),
                    asn,
                    "deposit " + st.amount() + " fen refunded in cash at the counter");
            return null;
        });
        return st;
    }

    /** Activates a distributed card; a replacement's activation also asks the server to move the old card's balance. */
    public CardRecord activate(Staff clerk, String reference) {
        clerk.require(s.db, Permission.COUNTER);
        CardRecord r = s.card(reference);
        String asn = LifeSupport.requireAsn(r);
        if (!r.state().mayMoveTo(CardState.ACTIVE) || r.state() != CardState.DISTRIBUTED) {
            throw new org.citycard.issuance.workflow.TransitionRefusedException(r.id(), r.state(), CardState.ACTIVE);
        }
        s.server.changeState(asn, CardState.ACTIVE.code());
        CardRecord active = s.db.inTransaction(c -> {
            s.audit.record(c, clerk, AuditAction.ACTIVATE, r.citizenId(), asn, "card " + r.id() + " activated");
            return s.workflow.move(c, clerk, r.id(), CardState.ACTIVE, "activated");
        });
        if (r.replacesId() != null) {
            replacements.trySettle(clerk, r.replacesId());
        }
        return active;
    }

    /** Loss report (挂失): the card goes on the hotlist at the server, then LOST here. */
    public CardRecord reportLoss(Staff clerk, String reference, String presentedId, String reason) {
        clerk.require(s.db, Permission.COUNTER);
        CardRecord r = s.card(reference);
        if (!r.state().mayMoveTo(CardState.LOST)) {
            throw new org.citycard.issuance.workflow.TransitionRefusedException(r.id(), r.state(), CardState.LOST);
        }
        s.checkIdentity(clerk, r, presentedId, AuditAction.LOSS);
        String asn = LifeSupport.requireAsn(r);
        String why = reason == null || reason.isBlank() ? "reported lost by the holder" : reason.strip();
        s.server.hotlist(asn, why.length() > 80 ? why.substring(0, 80) : why);
        s.server.changeState(asn, CardState.LOST.code());
        return s.db.inTransaction(c -> {
            s.audit.record(c, clerk, AuditAction.LOSS, r.citizenId(), asn, "hotlisted at the server: " + why);
            return s.workflow.move(c, clerk, r.id(), CardState.LOST, why);
        });
    }

    /** The lost card was found (解挂): off the hotlist, ACTIVE again; refused once a replacement is under way. */
    public CardRecord found(Staff clerk, String reference, String presentedId) {
        clerk.require(s.db, Permission.COUNTER);
        CardRecord r = s.card(reference);
        if (r.state() != CardState.LOST) {
            throw new org.citycard.issuance.workflow.TransitionRefusedException(r.id(), r.state(), CardState.ACTIVE);
        }
        s.checkIdentity(clerk, r, presentedId, AuditAction.FOUND);
        Optional<CardRecord> replacement = s.db.read(c -> CardRepository.replacementOf(c, r.id()));
        if (replacement.isPresent()) {
            throw new IllegalStateException("card " + r.id() + " is being replaced by application "
                    + replacement.get().id() + " (" + replacement.get().state().label()
                    + "): one card per person, the found card stays lost");
        }
        String asn = LifeSupport.requireAsn(r);
        s.server.unhotlist(asn);
        s.server.changeState(asn, CardState.ACTIVE.code());
        return s.db.inTransaction(c -> {
            s.audit.record(c, clerk, AuditAction.FOUND, r.citizenId(), asn, "card found, taken off the hotlist");
            return s.workflow.move(c, clerk, r.id(), CardState.ACTIVE, "found by the holder");
        });
    }

    /** PIN reset at the counter: the holder's identity, their card in the reader, a new PIN by RELOAD PIN. */
    public void resetPin(
            Staff clerk, String reference, String presentedId, ApduTransport card, KeySet keys, char[] newPin) {
        clerk.require(s.db, Permission.COUNTER);
        CardRecord r = s.card(reference);
        if (r.state() != CardState.ACTIVE && r.state() != CardState.DISTRIBUTED) {
            throw new IllegalStateException("card " + r.id() + " is "
                    + r.state().label() + "; the PIN of an active or distributed card only can be reset");
        }
        s.checkIdentity(clerk, r, presentedId, AuditAction.PIN_RESET);
        String asn = LifeSupport.requireAsn(r);
        counter.reloadPin(card, keys, asn, newPin);
        s.audit.record(clerk, AuditAction.PIN_RESET, r.citizenId(), asn, "PIN reset with RELOAD PIN at the counter");
    }

    /**
     * The yearly review (年审) of a concession card at the counter: the holder's identity, their card in the reader,
     * its review date rewritten by secure messaging (DAMK) — by default the dictionary's rule from today (today +
     * {@code review_period_months} less a day, at most the expiry date) — so terminals charge its concession fare
     * again, offline. The card type written is the one the card record holds.
     *
     * @param until the review date to write instead of the rule's (a correction; a date already past ends the
     *     concession); null for the rule's
     * @return what the card carries now
     */
    public org.citycard.dictionary.codec.CardConcession review(
            Staff clerk, String reference, String presentedId, ApduTransport card, KeySet keys, LocalDate until) {
        clerk.require(s.db, Permission.COUNTER);
        CardRecord r = s.card(reference);
        if (r.state() != CardState.ACTIVE && r.state() != CardState.DISTRIBUTED) {
            throw new IllegalStateException("card " + r.id() + " is "
                    + r.state().label() + "; the review is for an active or distributed card");
        }
        if (card == null) {
            throw new IllegalArgumentException("the review writes the card: put it in a reader (--reader)");
        }
        String type = r.cardType() == null ? "1" : r.cardType();
        LocalDate today = LocalDate.now(s.clock.withZone(java.time.ZoneId.systemDefault()));
        LocalDate due = until != null
                ? until
                : org.citycard.cardlink.perso.CardProfile.reviewDue(s.dict, type, today, r.expiryDate());
        if (due == null) {
            throw new IllegalArgumentException("card " + r.asn() + " is of card type " + type + " ("
                    + s.dict.codeTable("card-type").find(type).map(c -> c.en()).orElse("?")
                    + "), whose fare needs no review; nothing was written");
        }
        s.checkIdentity(clerk, r, presentedId, AuditAction.CONCESSION_REVIEW);
        String asn = LifeSupport.requireAsn(r);
        org.citycard.dictionary.codec.CardConcession done =
                counter.review(card, keys, batchAlgorithm(r), asn, type, due);
        s.audit.record(
                clerk,
                AuditAction.CONCESSION_REVIEW,
                r.citizenId(),
                asn,
                "review date " + done.reviewDate() + " written (card type " + done.cardType() + ")"
                        + (until != null ? ", given by the clerk" : ""));
        return done;
    }

    /**
     * Re-keys a card at the counter (issue 22): every key of its SSSE and purse is replaced by the one of key version
     * {@code keyVersion} under secure messaging with its current DAMK ({@link
     * org.citycard.cardlink.perso.CardRekeyer}), then the server records the card's new version. An interrupted
     * re-key is finished by running it again; the server is told only once the card proves its new keys.
     */
    public org.citycard.cardlink.perso.CardRekeyer.Outcome rekey(
            Staff clerk,
            String reference,
            String presentedId,
            ApduTransport card,
            KeySet keys,
            int keyVersion,
            String terminalId) {
        clerk.require(s.db, Permission.COUNTER);
        CardRecord r = s.card(reference);
        if (r.state() != CardState.ACTIVE && r.state() != CardState.DISTRIBUTED) {
            throw new IllegalStateException(
                    "card " + r.id() + " is " + r.state().label() + "; only an active or distributed card is re-keyed");
        }
        s.checkIdentity(clerk, r, presentedId, AuditAction.REKEY);
        String asn = LifeSupport.requireAsn(r);
        counter.requireCard(card, asn);
        org.citycard.cardlink.perso.CardRekeyer.Outcome outcome =
                new org.citycard.cardlink.perso.CardRekeyer(s.dict, terminalId).rekey(card, asn, keys, keyVersion);
        s.server.rekeyed(asn, keyVersion);
        s.audit.record(
                clerk,
                AuditAction.REKEY,
                r.citizenId(),
                asn,
                String.format(
                        "re-keyed from key version %02X to %02X (%d keys put by secure messaging)",
                        outcome.fromVersion(), outcome.toVersion(), outcome.keysPut()));
        return outcome;
    }

    /** Moves every active card whose expiry date is before {@code day} to EXPIRED; returns them. */
    public List<CardRecord> expire(Staff clerk, LocalDate day) {
        clerk.require(s.db, Permission.COUNTER);
        List<CardRecord> due = s.db.read(c -> CardRepository.expiringBefore(c, CardState.ACTIVE, day));
        List<CardRecord> out = new ArrayList<>();
        for (CardRecord r : due) {
            s.server.changeState(r.asn(), CardState.EXPIRED.code());
            out.add(s.db.inTransaction(c -> {
                s.audit.record(c, clerk, AuditAction.EXPIRE, r.citizenId(), r.asn(), "expired on " + r.expiryDate());
                return s.workflow.move(
                        c, clerk, r.id(), CardState.EXPIRED, "expiry date " + r.expiryDate() + " passed");
            }));
        }
        return out;
    }

    /** Reports to the server every personalised card it has not accepted yet; returns how many were reported. */
    public int reportPending(Staff actor) {
        actor.require(s.db, Permission.PRODUCE);
        List<CardRecord> pending = s.db.read(c -> Database.query(
                c,
                "SELECT id FROM card WHERE server_reported = FALSE AND asn IS NOT NULL AND state IN (?, ?, ?, ?)",
                rs -> CardRepository.get(c, rs.getLong(1)),
                CardState.PERSONALISED.code(),
                CardState.DISTRIBUTED.code(),
                CardState.ACTIVE.code(),
                CardState.LOST.code()));
        int n = 0;
        for (CardRecord r : pending) {
            // the algorithm and key version of the card's keys are its production batch's (issue 22)
            Object[] batch = r.batchId() == null
                    ? null
                    : s.db.read(c -> Database.first(
                                    c,
                                    "SELECT algorithm, key_version FROM production_batch WHERE id = ?",
                                    rs -> new Object[] {rs.getString(1), rs.getInt(2)},
                                    r.batchId()))
                            .orElse(null);
            org.citycard.dictionary.crypto.Algorithm algorithm = batch == null
                    ? org.citycard.dictionary.crypto.Algorithm.TDES
                    : org.citycard.dictionary.crypto.Algorithm.fromId(
                            (byte) Integer.parseInt(((String) batch[0]).trim(), 16));
            int keyVersion = batch == null || (int) batch[1] == 0 ? 1 : (int) batch[1];
            try {
                s.server.register(new CardReport(
                        r.asn(),
                        CardState.PERSONALISED.code(),
                        r.expiryDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
                        0,
                        r.citizenId(),
                        algorithm,
                        0,
                        keyVersion));
                s.db.inTransaction(c -> {
                    CardRepository.setServerReported(c, r.id(), true);
                    s.audit.record(c, actor, AuditAction.SERVER_REPORT, r.citizenId(), r.asn(), "card reported late");
                    return null;
                });
                n++;
            } catch (ServerException e) {
                throw new ServerException(e.status(), n + " cards reported, then: " + e.getMessage());
            }
        }
        return n;
    }

    /** The algorithm of the card's keys: its production batch's (3DES for a batch that names none). */
    private org.citycard.dictionary.crypto.Algorithm batchAlgorithm(CardRecord r) {
        String id = s.db.read(c -> Database.first(
                        c, "SELECT algorithm FROM production_batch WHERE id = ?", rs -> rs.getString(1), r.batchId())
                .orElse(null));
        return id == null || id.isBlank()
                ? org.citycard.dictionary.crypto.Algorithm.TDES
                : org.citycard.dictionary.crypto.Algorithm.fromId((byte) Integer.parseInt(id.trim(), 16));
    }

    private String batchKeySet(CardRecord r) {
        return s.db.read(c -> Database.first(
                        c, "SELECT key_set FROM production_batch WHERE id = ?", rs -> rs.getString(1), r.batchId())
                .orElse(""));
    }
}
