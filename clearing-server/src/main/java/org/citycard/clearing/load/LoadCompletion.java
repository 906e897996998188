package org.citycard.clearing.load;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.citycard.clearing.crypto.HostKeys;
import org.citycard.clearing.ingest.CardChain;
import org.citycard.clearing.ingest.CardChainRepository;
import org.citycard.clearing.ingest.HeldRecords;
import org.citycard.clearing.ingest.PurchasePosting;
import org.citycard.clearing.ingest.QuarantineEntry;
import org.citycard.clearing.ingest.QuarantineRepository;
import org.citycard.clearing.ingest.RecordRules;
import org.citycard.clearing.ledger.Account;
import org.citycard.clearing.ledger.JournalKind;
import org.citycard.clearing.ledger.LedgerService;
import org.citycard.clearing.ledger.PostingLine;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.clearing.support.IdAllocator;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.wire.QuarantineReason;
import org.citycard.dictionary.wire.ResponseCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Load completion (0220) and reversal (0400). The ledger credits a card's purse only on a completion whose TAC
 * verifies with DTK (of the card's algorithm, the one the load was authorised in), proving the card took the load; a reversal returns an uncompleted load's money to where it was
 * collected. Both are idempotent: a repeat changes nothing and gets the same answer. A load is found by its
 * (terminal, STAN, local date); a TAC completes exactly that one load, once — a second completion (the same TAC
 * again, or another for a completed load) credits nothing, and the load's row is moved from AUTHORISED only once even
 * when two completions race.
 */
@Service
public class LoadCompletion {
    private final LoadRepository loads;
    private final LedgerService ledger;
    private final CardChainRepository chains;
    private final HeldRecords held;
    private final RecordRules rules;
    private final PurchasePosting posting;
    private final QuarantineRepository quarantine;
    private final HostKeys keys;
    private final BusinessCalendar calendar;
    private final IdAllocator ids;
    private final Clock clock;

    public LoadCompletion(
            LoadRepository loads,
            LedgerService ledger,
            CardChainRepository chains,
            HeldRecords held,
            RecordRules rules,
            PurchasePosting posting,
            QuarantineRepository quarantine,
            HostKeys keys,
            BusinessCalendar calendar,
            IdAllocator ids,
            Clock clock) {
        this.loads = loads;
        this.ledger = ledger;
        this.chains = chains;
        this.held = held;
        this.rules = rules;
        this.posting = posting;
        this.quarantine = quarantine;
        this.keys = keys;
        this.calendar = calendar;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional
    public ResponseCode complete(LoadMessages.Completion c) {
        if (c.tacData() == null || c.tacData().length != 4) {
            return ResponseCode.FORMAT_ERROR;
        }
        Optional<LoadTxn> found = loads.find(c.terminalId(), c.stan(), c.localDate());
        if (found.isEmpty()) {
            return ResponseCode.NO_ORIGINAL;
        }
        LoadTxn t = found.get();
        if (!t.asn().equals(c.asn())
                || t.amount() != c.amount()
                || (c.rrn() != null && !c.rrn().equals(t.rrn()))) {
            return ResponseCode.INVALID_TRANSACTION;
        }
        String tac = Hex.of(c.tacData());
        switch (t.status()) {
            case LoadTxn.COMPLETED -> {
                return answerCompleted(t, tac);
            }
            case LoadTxn.AUTHORISED -> {
                // verified below
            }
            default -> {
                return ResponseCode.INVALID_TRANSACTION;
            }
        }
        Instant now = clock.instant();
        String day = calendar.currentBusinessDate();
        if (!tacValid(t, c.tacData())) {
            quarantine.insert(List.of(new QuarantineEntry(
                    ids.next("quarantine"),
                    QuarantineEntry.LOAD,
                    QuarantineReason.TAC_INVALID,
                    QuarantineEntry.QUARANTINED,
                    "load completion TAC does not verify with the card's DTK; load stays" + " in suspense",
                    t.asn(),
                    null,
                    t.terminalId(),
                    null,
                    t.amount(),
                    t.hostDate(),
                    t.hostTime(),
                    "STAN " + t.stan() + " RRN " + t.rrn() + " TAC " + tac,
                    t.terminalId(),
                    null,
                    day,
                    now,
                    null)));
            return ResponseCode.SECURITY_VIOLATION;
        }
        // the load leaves AUTHORISED here, once: a completion that raced this one finds it completed
        if (!loads.completed(t, tac, now)) {
            return loads.find(t.terminalId(), t.stan(), t.localDate())
                    .filter(after -> LoadTxn.COMPLETED.equals(after.status()))
                    .map(after -> answerCompleted(after, tac))
                    .orElse(ResponseCode.INVALID_TRANSACTION);
        }
        long journal = ledger.post(
                JournalKind.LOAD_COMPLETION,
                day,
                t.terminalId() + "/" + t.stan(),
                t.terminalId(),
                List.of(
                        PostingLine.debit(Account.LOAD_SUSPENSE, t.asn(), null, t.amount()),
                        PostingLine.credit(Account.PURSE_FLOAT, t.asn(), null, t.amount())));
        loads.completionJournal(t, journal);
        CardChain chain = chains.load(t.asn());
        if (chain != null) {
            chain.loadCompleted(new CardChain.LoadLink(t.onlineSeq(), t.balanceBefore(), t.amount()));
            RecordRules.Lookups lookups = rules.lookups();
            List<HeldRecords.Released> released = held.release(chain, lookups);
            released.forEach(r -> quarantine.release(r.entryId(), r.purchase().id()));
            posting.post(
                    JournalKind.PURCHASE_RELEASE,
                    released.stream().map(HeldRecords.Released::purchase).toList(),
                    day,
                    "release after load " + t.terminalId() + "/" + t.stan(),
                    t.terminalId(),
                    now);
            chains.save(List.of(chain), now);
        }
        return ResponseCode.APPROVED;
    }

    /** A completion of a load completed before: 00 for its own TAC again (a repeat), 94 for any other; no credit. */
    private static ResponseCode answerCompleted(LoadTxn t, String tac) {
        return tac.equals(t.tac()) ? ResponseCode.APPROVED : ResponseCode.DUPLICATE;
    }

    @Transactional
    public ResponseCode reverse(LoadMessages.Reversal r) {
        Optional<LoadTxn> found = loads.findByMonthDay(r.terminalId(), r.originalStan(), r.originalDateMmdd());
        if (found.isEmpty()) {
            return ResponseCode.NO_ORIGINAL;
        }
        LoadTxn t = found.get();
        if (!t.asn().equals(r.asn()) || t.amount() != r.amount()) {
            return ResponseCode.INVALID_TRANSACTION;
        }
        switch (t.status()) {
            case LoadTxn.REVERSED, LoadTxn.DECLINED -> {
                return ResponseCode.APPROVED;
            }
            case LoadTxn.COMPLETED -> {
                // the TAC proved the card took the load: only a purchase or a refund can take it back
                return ResponseCode.INVALID_TRANSACTION;
            }
            default -> {
                // authorised, not completed: reverse below
            }
        }
        if (!loads.reversed(t, clock.instant())) {
            return ResponseCode.INVALID_TRANSACTION; // completed or reversed meanwhile: nothing changed here
        }
        Account collection = LoadAuthoriser.collectionAccount(
                LoadAuthoriser.processingCode(t.processingCode()).orElseThrow());
        long journal = ledger.post(
                JournalKind.LOAD_REVERSAL,
                calendar.currentBusinessDate(),
                t.terminalId() + "/" + t.stan(),
                t.terminalId(),
                List.of(
                        PostingLine.debit(Account.LOAD_SUSPENSE, t.asn(), null, t.amount()),
                        PostingLine.credit(collection, null, t.departmentCode(), t.amount())));
        loads.reversalJournal(t, journal);
        return ResponseCode.APPROVED;
    }

    /** The load TAC in the algorithm the load was authorised in (its INITIALIZE FOR LOAD's, the card's). */
    private boolean tacValid(LoadTxn t, byte[] tac) {
        Algorithm alg = Algorithm.fromId((byte) t.algorithmId());
        byte[] expected = CardCrypto.of(alg)
                .loadTac(
                        keys.dtk(t.asn(), alg, t.keyVersion()),
                        Amounts.toBytes(t.newBalance(), 4),
                        Amounts.toBytes(t.onlineSeq(), 2),
                        Amounts.toBytes(t.amount(), 4),
                        Bcd.encode("terminal_id", t.terminalId(), 6),
                        Bcd.encode("transaction_date", t.hostDate(), 4),
                        Bcd.encode("transaction_time", t.hostTime(), 3));
        return MessageDigest.isEqual(expected, tac);
    }
}
