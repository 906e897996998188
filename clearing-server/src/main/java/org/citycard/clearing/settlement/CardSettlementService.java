package org.citycard.clearing.settlement;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.JournalKind;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.ledger.LedgerService;
import org.citycard.clearing.ledger.PostingLine;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardAccount;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.ConflictException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The balance of a card that leaves service: refunded to the holder's bank account when the card is cancelled
 * (purse float → refund payable, paid in the next closed day's bank file), or moved to the replacing card (purse
 * float → purse float of the new card). Either happens only once the card's outstanding records are in: no record
 * of it held in quarantine, no load left between authorisation and completion, and the wait for records made offline
 * ({@code citycard.settlement.records-wait} after the first request) over. Until then the answer is PENDING with
 * the reason; asking again (or the next day close) finishes it. Idempotent: a finished one answers the same again.
 */
@Service
public class CardSettlementService {
    public static final String REFUNDED = "REFUNDED";
    public static final String MOVED = "MOVED";
    public static final String PENDING = "PENDING";

    private final CardSettlementRepository repository;
    private final ReferenceService reference;
    private final LedgerService ledger;
    private final LedgerQueries ledgerQueries;
    private final BusinessCalendar calendar;
    private final CityCardProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DepositService deposits;

    public CardSettlementService(
            CardSettlementRepository repository,
            DepositService deposits,
            ReferenceService reference,
            LedgerService ledger,
            LedgerQueries ledgerQueries,
            BusinessCalendar calendar,
            CityCardProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.repository = repository;
        this.deposits = deposits;
        this.reference = reference;
        this.ledger = ledger;
        this.ledgerQueries = ledgerQueries;
        this.calendar = calendar;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The answer the issuance tool expects: REFUNDED / MOVED / PENDING, the amount (0 while pending), why. */
    public record Answer(String status, long amount, String reason) {}

    public Answer refund(String asn, String bankCode, String accountNumber, String accountName) {
        Checks.element("asn", "asn", asn);
        Checks.element("bankCode", "bank_code", bankCode);
        Checks.element("accountNumber", "account_number", accountNumber);
        Checks.element("accountName", "account_name", accountName);
        return tx.execute(s -> {
            Card card = reference.card(asn);
            CardSettlement existing = repository.find(asn).orElse(null);
            if (existing != null && !CardSettlement.REFUND.equals(existing.kind())) {
                throw new ConflictException("the balance of card " + asn + " is being moved to card "
                        + existing.newAsn() + " (replacement); it is not refunded");
            }
            if (existing == null) {
                if (!CardStates.code("CANCELLED").equals(card.state())) {
                    throw new ConflictException("card " + asn + " is in state " + card.state()
                            + "; only a cancelled card (" + CardStates.code("CANCELLED")
                            + ") is refunded: change its state first");
                }
                Instant now = clock.instant();
                existing = new CardSettlement(
                        asn,
                        CardSettlement.REFUND,
                        null,
                        bankCode,
                        accountNumber,
                        accountName,
                        CardSettlement.PENDING,
                        0,
                        "asked for",
                        now,
                        now.plus(properties.settlement().recordsWait()),
                        null,
                        null,
                        null);
                repository.insert(existing);
            } else {
                // the account given now is the one paid: by the next close, or by the retry after a rejection
                repository.setAccount(asn, bankCode, accountNumber, accountName);
            }
            return finish(repository.find(asn).orElseThrow());
        });
    }

    public Answer replacement(String asn, String newAsn) {
        Checks.element("asn", "asn", asn);
        Checks.element("newAsn", "asn", newAsn);
        Checks.require(!asn.equals(newAsn), "newAsn", newAsn, "a card other than the one replaced");
        return tx.execute(s -> {
            Card old = reference.card(asn);
            Card replacing = reference.card(newAsn);
            CardSettlement existing = repository.find(asn).orElse(null);
            if (existing != null
                    && (!CardSettlement.REPLACEMENT.equals(existing.kind()) || !newAsn.equals(existing.newAsn()))) {
                throw new ConflictException("the balance of card " + asn + " is settled already as "
                        + describe(existing) + "; it cannot also move to " + newAsn);
            }
            if (existing == null) {
                List<String> from = List.of(CardStates.LOST, CardStates.EXPIRED);
                if (!from.contains(old.state())) {
                    throw new ConflictException("card " + asn + " is in state " + old.state()
                            + "; a balance moves from a lost (" + CardStates.LOST + ") or expired ("
                            + CardStates.EXPIRED + ") card only");
                }
                List<String> closed = List.of(CardStates.code("CANCELLED"), CardStates.code("REPLACED"));
                if (closed.contains(replacing.state())) {
                    throw new ConflictException(
                            "card " + newAsn + " is in state " + replacing.state() + " and cannot take a balance");
                }
                Instant now = clock.instant();
                existing = new CardSettlement(
                        asn,
                        CardSettlement.REPLACEMENT,
                        newAsn,
                        null,
                        null,
                        null,
                        CardSettlement.PENDING,
                        0,
                        "asked for",
                        now,
                        now.plus(properties.settlement().recordsWait()),
                        null,
                        null,
                        null);
                repository.insert(existing);
                // the deposit does not wait for records: it moves with the request
                deposits.move(asn, newAsn);
            }
            return finish(existing);
        });
    }

    /** Finishes every pending refund and move whose card is ready (run by each day close). */
    public int finishReady() {
        int done = 0;
        for (CardSettlement p : repository.pending()) {
            Answer a = tx.execute(s -> finish(repository.find(p.asn()).orElseThrow()));
            if (a != null && !PENDING.equals(a.status())) {
                done++;
            }
        }
        return done;
    }

    public List<CardSettlement> refundsToPay() {
        return repository.refundsToPay();
    }

    public java.util.Optional<CardSettlement> find(String asn) {
        return repository.find(asn);
    }

    public void paidIn(String asn, String endToEndId) {
        repository.paidIn(asn, endToEndId);
    }

    /** In the caller's transaction: books a ready one, or records why it still waits. */
    private Answer finish(CardSettlement c) {
        String done = CardSettlement.REFUND.equals(c.kind()) ? REFUNDED : MOVED;
        if (CardSettlement.DONE.equals(c.status())) {
            return new Answer(done, c.amount(), c.reason());
        }
        String waiting = outstanding(c);
        if (waiting != null) {
            repository.setReason(c.asn(), waiting);
            return new Answer(PENDING, 0, waiting);
        }
        long amount = Math.max(0, ledgerQueries.cardFloat(c.asn()));
        Long journal = null;
        String day = calendar.currentBusinessDate();
        String reason;
        if (CardSettlement.REFUND.equals(c.kind())) {
            if (amount > 0) {
                journal = ledger.post(
                        JournalKind.CARD_REFUND,
                        day,
                        "refund " + c.asn(),
                        null,
                        List.of(
                                PostingLine.debit(Account.PURSE_FLOAT, c.asn(), null, amount),
                                PostingLine.credit(Account.REFUND_PAYABLE, c.asn(), null, amount)));
            }
            // the card's deposit, unless refunded in cash already, goes out with the balance
            long deposit = deposits.refundWithBalance(c.asn());
            long balance = amount;
            amount = Math.addExact(balance, deposit);
            reason = amount > 0
                    ? "refund of " + amount + " fen to an account at bank " + c.bankCode()
                            + (deposit > 0 ? " (balance " + balance + " fen, deposit " + deposit + " fen)" : "")
                            + ", paid in the next day close's bank file"
                    : "the card holds no balance";
        } else {
            if (amount > 0) {
                journal = ledger.post(
                        JournalKind.BALANCE_MOVE,
                        day,
                        "move " + c.asn(),
                        null,
                        List.of(
                                PostingLine.debit(Account.PURSE_FLOAT, c.asn(), null, amount),
                                PostingLine.credit(Account.PURSE_FLOAT, c.newAsn(), null, amount)));
            }
            reason = amount > 0 ? amount + " fen moved to card " + c.newAsn() : "the card holds no balance";
        }
        if (!repository.done(c.asn(), amount, reason, journal, clock.instant())) {
            throw new ConflictException("the settlement of card " + c.asn() + " was finished by another request");
        }
        return new Answer(done, amount, reason);
    }

    /** Why the card's records are not all in yet, or null when they are. */
    private String outstanding(CardSettlement c) {
        CardAccount account = reference.account(c.asn());
        if (account.held() > 0) {
            return account.held() + " record(s) of the card wait in quarantine for a counter gap or balance-chain"
                    + " break to close";
        }
        long loads = repository.openLoads(c.asn());
        if (loads > 0) {
            return loads + " load(s) of the card were authorised but have neither completed nor been reversed";
        }
        Instant now = clock.instant();
        if (now.isBefore(c.readyAt())) {
            ZoneId zone = calendar.zone();
            return "records the card made offline may still arrive until "
                    + c.readyAt().atZone(zone).toLocalDateTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + " (" + zone + "; citycard.settlement.records-wait "
                    + properties.settlement().recordsWait() + ")";
        }
        return null;
    }

    private static String describe(CardSettlement c) {
        return CardSettlement.REFUND.equals(c.kind()) ? "a refund" : "a move to card " + c.newAsn();
    }
}
