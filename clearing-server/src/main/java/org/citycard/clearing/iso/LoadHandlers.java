package org.citycard.clearing.iso;

import java.util.List;
import org.citycard.clearing.ingest.CardLocks;
import org.citycard.clearing.load.AuthorisationGroupCommit;
import org.citycard.clearing.load.LoadCompletion;
import org.citycard.clearing.load.LoadMessages;
import org.citycard.clearing.reference.Terminal;
import org.citycard.clearing.support.DayGate;
import org.citycard.clearing.support.TransactionRetry;
import org.citycard.dictionary.iso8583.message.CityCardMessage;
import org.citycard.dictionary.iso8583.message.LoadAuthorisationRequest;
import org.citycard.dictionary.iso8583.message.LoadAuthorisationResponse;
import org.citycard.dictionary.iso8583.message.LoadCompletionAdvice;
import org.citycard.dictionary.iso8583.message.LoadCompletionAnswer;
import org.citycard.dictionary.iso8583.message.LoadFields;
import org.citycard.dictionary.iso8583.message.LoadReversal;
import org.citycard.dictionary.iso8583.message.LoadReversalAnswer;
import org.citycard.dictionary.iso8583.message.MessageFieldException;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The three load messages: 0100 authorisation, 0220 completion advice, 0400 reversal. A completion or reversal moves
 * the card's chain: it runs under the card's lock (in this JVM, and on PostgreSQL the card's row, see {@link
 * CardLocks}); a completion also books (released held purchases) and passes the {@link DayGate}. An authorisation
 * does not move the chain; two on one card's online counter are kept apart by the load's keys in the database.
 *
 * <p>An authorisation (and a reversal) does not pass the day gate, on purpose. It posts collection → LOAD_SUSPENSE
 * on the business day it was prepared on, so one prepared just before a close may be written just after, dated on
 * the closed day; but a close freezes only the day's purchase postings (DEPARTMENT_PAYABLE of purchases and
 * releases, {@code DepartmentTotals}) and the payments and bank files made from them, none of which a load's
 * suspense posting touches, and a day's load figures count completed loads, which a completion of any later day
 * changes anyway. Behind the gate, every 0100 (a citizen waiting at the counter, the terminal's timeout running) would
 * wait for the whole close; a completion may, being an advice the terminal sends again.
 */
final class LoadHandlers {
    private LoadHandlers() {}

    /** The department in field 42 must be the terminal's own. */
    static void requireOwnDepartment(LoadFields load, Terminal terminal) {
        if (!load.department().equals(terminal.departmentCode())) {
            throw new MessageFieldException(42, "the terminal's registered department");
        }
    }

    @Component
    static class Authorisation implements IsoMessageHandler {
        private final AuthorisationGroupCommit authoriser;
        private final CardLocks cards;

        Authorisation(AuthorisationGroupCommit authoriser, CardLocks cards) {
            this.authoriser = authoriser;
            this.cards = cards;
        }

        @Override
        public String mti() {
            return LoadAuthorisationRequest.MTI;
        }

        @Override
        public CityCardMessage handle(ISOMsg m, Terminal terminal) {
            LoadAuthorisationRequest request = LoadAuthorisationRequest.read(m);
            LoadFields l = request.load();
            requireOwnDepartment(l, terminal);
            LoadMessages.Authorisation req = new LoadMessages.Authorisation(
                    terminal.terminalId(),
                    l.stan(),
                    l.asn(),
                    l.processingCode(),
                    l.amount(),
                    l.date(),
                    l.time(),
                    l.department(),
                    request.initData());
            // durable (alone or in a group commit) before the answer is sent; the card's other work waits meanwhile
            LoadMessages.AuthorisationAnswer a = cards.on(List.of(req.asn()), () -> authoriser.authorise(req));
            return LoadAuthorisationResponse.answering(request, a.code(), a.rrn(), a.authCode(), a.hostData());
        }
    }

    @Component
    static class Completion implements IsoMessageHandler {
        private final LoadCompletion completion;
        private final TransactionRetry retry;
        private final CardLocks cards;
        private final DayGate gate;
        private final TransactionTemplate serialised;

        Completion(
                LoadCompletion completion,
                TransactionRetry retry,
                CardLocks cards,
                DayGate gate,
                PlatformTransactionManager transactions) {
            this.completion = completion;
            this.retry = retry;
            this.cards = cards;
            this.gate = gate;
            this.serialised = new TransactionTemplate(transactions);
        }

        @Override
        public String mti() {
            return LoadCompletionAdvice.MTI;
        }

        @Override
        public CityCardMessage handle(ISOMsg m, Terminal terminal) {
            LoadCompletionAdvice advice = LoadCompletionAdvice.read(m);
            LoadFields l = advice.load();
            requireOwnDepartment(l, terminal);
            LoadMessages.Completion c = new LoadMessages.Completion(
                    terminal.terminalId(), l.stan(), l.date(), l.asn(), l.amount(), advice.rrn(), advice.tacData());
            ResponseCode code = cards.on(
                    List.of(c.asn()),
                    () -> gate.booking(() -> retry.run(
                            "completion " + c.terminalId() + "/" + c.stan(),
                            () -> serialised.execute(s -> {
                                gate.enterBooking(); // a completion may release held purchases onto the day
                                cards.inDatabase(List.of(c.asn()));
                                return completion.complete(c);
                            }))));
            return LoadCompletionAnswer.answering(advice, code);
        }
    }

    @Component
    static class Reversal implements IsoMessageHandler {
        private final LoadCompletion completion;
        private final TransactionRetry retry;
        private final CardLocks cards;
        private final TransactionTemplate serialised;

        Reversal(
                LoadCompletion completion,
                TransactionRetry retry,
                CardLocks cards,
                PlatformTransactionManager transactions) {
            this.completion = completion;
            this.retry = retry;
            this.cards = cards;
            this.serialised = new TransactionTemplate(transactions);
        }

        @Override
        public String mti() {
            return LoadReversal.MTI;
        }

        @Override
        public CityCardMessage handle(ISOMsg m, Terminal terminal) {
            LoadReversal reversal = LoadReversal.read(m);
            LoadFields l = reversal.load();
            requireOwnDepartment(l, terminal);
            LoadMessages.Reversal r = new LoadMessages.Reversal(
                    terminal.terminalId(),
                    reversal.original().originalStan(),
                    reversal.original().originalDateMmdd(),
                    l.asn(),
                    l.amount());
            ResponseCode code = cards.on(
                    List.of(r.asn()),
                    () -> retry.run(
                            "reversal " + r.terminalId() + "/" + r.originalStan(),
                            () -> serialised.execute(s -> {
                                cards.inDatabase(List.of(r.asn()));
                                return completion.reverse(r);
                            })));
            return LoadReversalAnswer.answering(reversal, code);
        }
    }
}
