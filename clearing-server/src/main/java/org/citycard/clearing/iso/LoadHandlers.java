package org.citycard.clearing.iso;

import java.util.List;
import org.citycard.clearing.ingest.CardLocks;
import org.citycard.clearing.load.AuthorisationGroupCommit;
import org.citycard.clearing.load.LoadCompletion;
import org.citycard.clearing.load.LoadMessages;
import org.citycard.clearing.reference.Terminal;
import org.citycard.clearing.support.TransactionRetry;
import org.citycard.dictionary.record.OriginalDataElements;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;
import org.springframework.stereotype.Component;

/** The three load messages: 0100 authorisation, 0220 completion advice, 0400 reversal. */
final class LoadHandlers {
    /** ISO 4217 numeric code of the yuan, the only currency of the purse. */
    static final String CNY = "156";

    private LoadHandlers() {}

    static String asn(ISOMsg m) throws IsoMessageHandler.BadFieldException {
        return IsoFields.digits(m, 2, 20);
    }

    /** The department in field 42 must be the terminal's own. */
    static String department(ISOMsg m, Terminal terminal) throws IsoMessageHandler.BadFieldException {
        String dept = IsoFields.department(m);
        if (!dept.equals(terminal.departmentCode())) {
            throw new IsoMessageHandler.BadFieldException(42, "the terminal's registered department");
        }
        return dept;
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
            return "0100";
        }

        @Override
        public IsoReply handle(ISOMsg m, Terminal terminal) throws BadFieldException {
            if (!CNY.equals(m.getString(49))) {
                throw new BadFieldException(49, "currency 156 (CNY)");
            }
            LoadMessages.Authorisation req = new LoadMessages.Authorisation(
                    terminal.terminalId(),
                    IsoFields.digits(m, 11, 6),
                    asn(m),
                    IsoFields.digits(m, 3, 6),
                    IsoFields.number(m, 4),
                    IsoFields.date(m, 13),
                    IsoFields.time(m, 12),
                    department(m, terminal),
                    IsoFields.bytes(m, 48, -1));
            // durable (alone or in a group commit) before the answer is sent; the card's other work waits meanwhile
            LoadMessages.AuthorisationAnswer a = cards.on(List.of(req.asn()), () -> authoriser.authorise(req));
            return IsoReply.of(a.code())
                    .with(37, a.rrn())
                    .with(38, a.authCode())
                    .with(48, a.hostData());
        }
    }

    @Component
    static class Completion implements IsoMessageHandler {
        private final LoadCompletion completion;
        private final TransactionRetry retry;
        private final CardLocks cards;

        Completion(LoadCompletion completion, TransactionRetry retry, CardLocks cards) {
            this.completion = completion;
            this.retry = retry;
            this.cards = cards;
        }

        @Override
        public String mti() {
            return "0220";
        }

        @Override
        public IsoReply handle(ISOMsg m, Terminal terminal) throws BadFieldException {
            department(m, terminal);
            LoadMessages.Completion c = new LoadMessages.Completion(
                    terminal.terminalId(),
                    IsoFields.digits(m, 11, 6),
                    asn(m),
                    IsoFields.number(m, 4),
                    m.getString(37),
                    IsoFields.bytes(m, 48, -1));
            ResponseCode code = cards.on(
                    List.of(c.asn()),
                    () -> retry.run("completion " + c.terminalId() + "/" + c.stan(), () -> completion.complete(c)));
            return IsoReply.of(code);
        }
    }

    @Component
    static class Reversal implements IsoMessageHandler {
        private final LoadCompletion completion;
        private final TransactionRetry retry;
        private final CardLocks cards;

        Reversal(LoadCompletion completion, TransactionRetry retry, CardLocks cards) {
            this.completion = completion;
            this.retry = retry;
            this.cards = cards;
        }

        @Override
        public String mti() {
            return "0400";
        }

        @Override
        public IsoReply handle(ISOMsg m, Terminal terminal) throws BadFieldException {
            department(m, terminal);
            OriginalDataElements original;
            try {
                original = OriginalDataElements.parse(IsoFields.digits(m, 90, OriginalDataElements.SIZE));
            } catch (ValidationException e) {
                throw new BadFieldException(90, e.field() + ": " + e.rule());
            }
            LoadMessages.Reversal r = new LoadMessages.Reversal(
                    terminal.terminalId(), original.originalStan(), asn(m), IsoFields.number(m, 4));
            ResponseCode code = cards.on(
                    List.of(r.asn()),
                    () -> retry.run(
                            "reversal " + r.terminalId() + "/" + r.originalStan(), () -> completion.reverse(r)));
            return IsoReply.of(code);
        }
    }
}
