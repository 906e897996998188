package org.citycard.clearing.settlement;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.JournalKind;
import org.citycard.clearing.ledger.LedgerService;
import org.citycard.clearing.ledger.PostingLine;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.ConflictException;
import org.citycard.clearing.support.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Card deposits (押金): a liability of the clearing centre from the card's issue until it is returned. Taken when
 * the card centre reports the card issued with its deposit (cash collection → card deposit), refunded once — with
 * the cancelled card's refund in the next day close's bank file (card deposit → refund payable, see
 * {@link CardSettlementService#refund}) or in cash at the counter (card deposit → cash collection) — or moved to the
 * replacing card (card deposit → card deposit of the new card). A deposit leaves HELD once: the state change and
 * its journal are one transaction, and the change only happens from HELD.
 */
@Service
public class DepositService {
    /** The largest deposit accepted, fen (1000 yuan). */
    public static final long MAX_DEPOSIT = 100_000;

    private final CardDepositRepository repository;
    private final ReferenceService reference;
    private final LedgerService ledger;
    private final BusinessCalendar calendar;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DepositService(
            CardDepositRepository repository,
            ReferenceService reference,
            LedgerService ledger,
            BusinessCalendar calendar,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.repository = repository;
        this.reference = reference;
        this.ledger = ledger;
        this.calendar = calendar;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What the issuance tool is told: the card, its deposit and where it stands. */
    public record Answer(String asn, long amount, String status, String refundMode, String movedTo, String reason) {}

    /** Checks a deposit amount as reported by the card centre (fen). */
    public static void checkAmount(long amount) {
        Checks.require(
                amount > 0 && amount <= MAX_DEPOSIT,
                "deposit",
                amount,
                "the card deposit in fen: 1.." + MAX_DEPOSIT + " (0 or absent: the card was issued without one)");
    }

    /** Registers a card and, when {@code deposit} is positive, takes its deposit, in one transaction. */
    public Card registerWithDeposit(Card card, int firstOfflineSeq, String holderId, Long deposit) {
        if (deposit != null && deposit != 0) {
            checkAmount(deposit);
        }
        return tx.execute(s -> {
            Card c = reference.registerCard(card, firstOfflineSeq, holderId);
            if (deposit != null && deposit != 0) {
                takeInTx(c.asn(), deposit);
            }
            return c;
        });
    }

    /** Records the deposit taken for a registered card (cash collection → card deposit). */
    public Answer take(String asn, long amount) {
        Checks.element("asn", "asn", asn);
        checkAmount(amount);
        return tx.execute(s -> takeInTx(asn, amount));
    }

    private Answer takeInTx(String asn, long amount) {
        Card card = reference.card(asn);
        List<String> closed = List.of(CardStates.code("CANCELLED"), CardStates.code("REPLACED"));
        if (closed.contains(card.state())) {
            throw new ConflictException("card " + asn + " is in state " + card.state() + " and cannot take a deposit");
        }
        CardDeposit existing = repository.find(asn).orElse(null);
        if (existing != null) {
            throw new ConflictException(
                    "card " + asn + " has a deposit already: " + existing.amount() + " fen, " + describe(existing));
        }
        long journal = ledger.post(
                JournalKind.DEPOSIT_TAKEN,
                calendar.currentBusinessDate(),
                "deposit " + asn,
                null,
                List.of(
                        PostingLine.debit(Account.CASH_COLLECTION, null, null, amount),
                        PostingLine.credit(Account.CARD_DEPOSIT, asn, null, amount)));
        repository.insert(asn, amount, null, journal, clock.instant());
        return answer(repository.find(asn).orElseThrow());
    }

    /** The deposit of a card. */
    public Answer deposit(String asn) {
        Checks.element("asn", "asn", asn);
        return repository
                .find(asn)
                .map(DepositService::answer)
                .orElseThrow(() -> new NotFoundException("card " + asn + " has no deposit recorded"));
    }

    public Optional<CardDeposit> find(String asn) {
        return repository.find(asn);
    }

    /**
     * Pays a returned (cancelled) card's deposit out in cash at the counter: card deposit → cash collection. Refused
     * when the deposit was refunded (in cash, or with the card's refund by bank) or moved already.
     */
    public Answer refundInCash(String asn) {
        Checks.element("asn", "asn", asn);
        return tx.execute(s -> {
            Card card = reference.card(asn);
            if (!CardStates.code("CANCELLED").equals(card.state())) {
                throw new ConflictException("card " + asn + " is in state " + card.state()
                        + "; the deposit is refunded for a returned, cancelled card (" + CardStates.code("CANCELLED")
                        + ") only: change its state first");
            }
            CardDeposit d = held(asn);
            long journal = closeHeld(
                    d,
                    CardDeposit.REFUNDED,
                    CardDeposit.CASH,
                    null,
                    JournalKind.DEPOSIT_CASH_REFUND,
                    PostingLine.credit(Account.CASH_COLLECTION, null, null, d.amount()));
            repository.closedBy(asn, journal);
            return answer(repository.find(asn).orElseThrow());
        });
    }

    /**
     * In the caller's transaction (a cancelled card's refund being booked): the card's held deposit, refunded to
     * refund payable with the balance; 0 when the card holds no deposit (none taken, or refunded in cash already).
     */
    long refundWithBalance(String asn) {
        CardDeposit d = repository.find(asn).orElse(null);
        if (d == null || !CardDeposit.HELD.equals(d.status())) {
            return 0;
        }
        long journal = closeHeld(
                d,
                CardDeposit.REFUNDED,
                CardDeposit.BANK,
                null,
                JournalKind.DEPOSIT_REFUND,
                PostingLine.credit(Account.REFUND_PAYABLE, asn, null, d.amount()));
        repository.closedBy(asn, journal);
        return d.amount();
    }

    /**
     * In the caller's transaction (a replacement being asked for): moves the old card's held deposit to the new card;
     * 0 when the old card holds none.
     */
    long move(String asn, String newAsn) {
        CardDeposit d = repository.find(asn).orElse(null);
        if (d == null || !CardDeposit.HELD.equals(d.status())) {
            return 0;
        }
        CardDeposit other = repository.find(newAsn).orElse(null);
        if (other != null) {
            throw new ConflictException("card " + newAsn + " has a deposit of its own (" + other.amount() + " fen, "
                    + describe(other) + "); the deposit of card " + asn + " cannot move to it");
        }
        long journal = closeHeld(
                d,
                CardDeposit.MOVED,
                null,
                newAsn,
                JournalKind.DEPOSIT_MOVE,
                PostingLine.credit(Account.CARD_DEPOSIT, newAsn, null, d.amount()));
        repository.closedBy(asn, journal);
        repository.insert(newAsn, d.amount(), asn, journal, clock.instant());
        return d.amount();
    }

    private CardDeposit held(String asn) {
        CardDeposit d = repository
                .find(asn)
                .orElseThrow(
                        () -> new ConflictException("card " + asn + " has no deposit recorded: nothing to refund"));
        if (!CardDeposit.HELD.equals(d.status())) {
            throw new ConflictException("the deposit of card " + asn + " (" + d.amount() + " fen) was " + describe(d)
                    + " already; a deposit is refunded once");
        }
        return d;
    }

    /** Leaves HELD (only from HELD) and posts card deposit → {@code to}; returns the journal. */
    private long closeHeld(
            CardDeposit d, String status, String mode, String movedTo, JournalKind kind, PostingLine to) {
        if (!repository.close(d.asn(), status, mode, movedTo, clock.instant())) {
            throw new ConflictException("the deposit of card " + d.asn() + " was refunded or moved by another request");
        }
        return ledger.post(
                kind,
                calendar.currentBusinessDate(),
                "deposit " + d.asn(),
                null,
                List.of(PostingLine.debit(Account.CARD_DEPOSIT, d.asn(), null, d.amount()), to));
    }

    private static String describe(CardDeposit d) {
        return switch (d.status()) {
            case CardDeposit.HELD -> "held";
            case CardDeposit.MOVED -> "moved to card " + d.movedTo();
            default -> CardDeposit.CASH.equals(d.refundMode())
                    ? "refunded in cash at the counter"
                    : "refunded with the card's refund in a bank file";
        };
    }

    private static Answer answer(CardDeposit d) {
        String reason =
                switch (d.status()) {
                    case CardDeposit.HELD -> d.movedFrom() == null
                            ? "held since the card's issue"
                            : "held, moved from replaced card " + d.movedFrom();
                    default -> describe(d);
                };
        return new Answer(d.asn(), d.amount(), d.status(), d.refundMode(), d.movedTo(), reason);
    }
}
