package org.citycard.issuance.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.pcsc.Readers;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.life.CardLife;
import org.citycard.issuance.server.RefundAccount;
import org.citycard.issuance.server.Settlement;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.workflow.CardRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The card's life at the counter. */
final class LifeCommands {
    private LifeCommands() {}

    static CardLife life(IssueCli root) {
        return new CardLife(root.tool(), root.serverClient());
    }

    static CardConnection card(String reader) {
        Readers readers = "sim".equals(reader) ? Readers.simulator(null) : Readers.pcsc();
        return readers.slot("sim".equals(reader) ? ProductionCommands.SIM_CARD_READER : reader)
                .connect();
    }

    static char[] newPin(IssueCli root) {
        Terminal t = root.terminal();
        char[] a = t.secret("the holder types the new PIN (not shown): ", null);
        char[] b = t.secret("and again: ", null);
        if (!Arrays.equals(a, b)) {
            Arrays.fill(a, '\0');
            Arrays.fill(b, '\0');
            throw new IllegalArgumentException("the two PINs differ; nothing was changed");
        }
        Arrays.fill(b, '\0');
        return a;
    }

    static String settlement(Settlement s) {
        return s.pending()
                ? "pending: " + s.reason() + " (try again later)"
                : s.status() + " " + Amounts.format(s.amount()) + " CNY";
    }

    /** Options every counter command has: the card and the ID document the citizen shows. */
    abstract static class CounterCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CARD", description = "ASN, card number or application number")
        String card;

        @Option(names = "--id", required = true, description = "the ID number on the document the citizen shows")
        String presentedId;

        IssueCli root() {
            return IssueCli.root(spec);
        }

        PrintWriter out() {
            return IssueCli.out(spec);
        }
    }

    @Command(
            name = "distribute",
            mixinStandardHelpOptions = true,
            description = "Hands a personalised card to its holder (identity check; card and new PIN with --reader).")
    static final class Distribute extends CounterCommand {
        @Option(
                names = {"-r", "--reader"},
                description = "reader holding the card, to check it and set the PIN")
        String reader;

        @Option(
                names = "--set-pin",
                description = "the holder sets their PIN (RELOAD PIN); needs --reader and --key-set")
        boolean setPin;

        @Option(
                names = {"-k", "--key-set"},
                paramLabel = "FILE|demo",
                description = "key set of the card (for --set-pin)")
        String keySet;

        @Option(
                names = "--deposit",
                paramLabel = "FEN",
                description = "the deposit (押金) taken from the holder, fen (e.g. 2000); the clearing server holds it"
                        + " until the card is returned")
        long deposit;

        @Override
        public void run() {
            Staff me = root().user();
            KeySet keys = setPin ? root().keySet(me, require(keySet, "--key-set")) : null;
            char[] pin = setPin ? newPin(root()) : null;
            try (CardConnection c = reader == null ? null : card(reader)) {
                CardRecord r = life(root())
                        .cards()
                        .distribute(me, card, presentedId, c == null ? null : c.transport(), keys, pin, deposit);
                out().println("card " + r.asn() + " distributed: " + r.state().label()
                        + (deposit > 0 ? ", deposit " + deposit + " fen taken" : "")
                        + "; activate it with: ./citycard issue activate " + r.asn());
            } finally {
                if (pin != null) {
                    Arrays.fill(pin, '\0');
                }
            }
        }
    }

    static String require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is needed here");
        }
        return value;
    }

    @Command(name = "activate", mixinStandardHelpOptions = true, description = "Activates a distributed card.")
    static final class Activate implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CARD")
        String card;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            CardRecord r = life(root).cards().activate(root.user(), card);
            IssueCli.out(spec).println("card " + r.asn() + " " + r.state().label());
        }
    }

    @Command(
            name = "loss",
            mixinStandardHelpOptions = true,
            description = "Loss report (挂失): the card goes on the hotlist.")
    static final class Loss extends CounterCommand {
        @Option(names = "--reason", description = "what happened")
        String reason;

        @Override
        public void run() {
            CardRecord r = life(root()).cards().reportLoss(root().user(), card, presentedId, reason);
            out().println("card " + r.asn() + " " + r.state().label() + ", on the server's hotlist");
        }
    }

    @Command(name = "found", mixinStandardHelpOptions = true, description = "A lost card was found (解挂).")
    static final class Found extends CounterCommand {
        @Override
        public void run() {
            CardRecord r = life(root()).cards().found(root().user(), card, presentedId);
            out().println("card " + r.asn() + " " + r.state().label() + ", off the hotlist");
        }
    }

    @Command(
            name = "replace",
            mixinStandardHelpOptions = true,
            description = "Replacement of a lost card (补卡): a new application with the data on file.")
    static final class Replace extends CounterCommand {
        @Option(names = "--reason", description = "why")
        String reason;

        @Override
        public void run() {
            long app = life(root()).replacements().replace(root().user(), card, presentedId, reason);
            out().println("replacement application " + app
                    + " opened; the balance moves when the new card is activated");
        }
    }

    @Command(
            name = "settle",
            mixinStandardHelpOptions = true,
            description = "Moves a replaced card's balance to its replacement, once its records are in.")
    static final class Settle implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CARD", description = "the old card")
        String card;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            IssueCli.out(spec)
                    .println("balance " + settlement(life(root).replacements().settle(root.user(), card)));
        }
    }

    @Command(
            name = "annual-review",
            mixinStandardHelpOptions = true,
            description = "The yearly review (年审) of a concession card: its review date rewritten on the card by"
                    + " secure messaging, so terminals charge its concession fare again.")
    static final class AnnualReview extends CounterCommand {
        @Option(
                names = {"-r", "--reader"},
                required = true,
                description = "reader holding the card (sim: the simulator)")
        String reader;

        @Option(
                names = {"-k", "--key-set"},
                required = true,
                paramLabel = "FILE|demo",
                description = "key set of the card (its MAMK)")
        String keySet;

        @Option(
                names = "--until",
                paramLabel = "YYYYMMDD",
                description = "the review date to write instead of today + review_period_months (a correction; a"
                        + " date already past ends the concession)")
        String until;

        @Override
        public void run() {
            Staff me = root().user();
            LocalDate date = null;
            if (until != null) {
                org.citycard.dictionary.validate.Rules.checkElement(
                        org.citycard.dictionary.Dictionary.standard(), "review_date", until);
                date = LocalDate.parse(until, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            }
            KeySet keys = root().keySet(me, keySet);
            try (CardConnection c = card(reader)) {
                var done = life(root()).cards().review(me, card, presentedId, c.transport(), keys, date);
                out().println("card reviewed: card type " + done.cardType() + ", concession fare until "
                        + done.reviewDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            }
        }
    }

    @Command(
            name = "renew",
            mixinStandardHelpOptions = true,
            description = "Renews a card near or past its expiry, or (card in --reader) one whose offline counter has"
                    + " reached offline_counter_warning.")
    static final class Renew extends CounterCommand {
        @Option(
                names = {"-r", "--reader"},
                description = "reader holding the card: its offline counter is read, and a card at its counter's end"
                        + " is renewed whatever its expiry")
        String reader;

        @Override
        public void run() {
            try (CardConnection c = reader == null ? null : card(reader)) {
                long app = life(root())
                        .replacements()
                        .renew(root().user(), card, presentedId, c == null ? null : c.transport());
                out().println("renewal application " + app + " opened; the balance moves to the new card with:"
                        + " ./citycard issue settle " + card);
            }
        }
    }

    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description = "Cancels a card (注销) and refunds its balance to the holder's bank account.")
    static final class Cancel extends CounterCommand {
        @Option(names = "--bank", required = true, description = "bank code (CNAPS, 12 digits)")
        String bank;

        @Option(names = "--account", required = true, description = "account number")
        String account;

        @Option(names = "--account-name", required = true, description = "account holder's name")
        String accountName;

        @Option(names = "--reason", description = "why")
        String reason;

        @Option(
                names = {"-r", "--reader"},
                description = "reader holding the card: it is blocked for good (CARD BLOCK)")
        String reader;

        @Option(
                names = {"-k", "--key-set"},
                paramLabel = "FILE|demo",
                description = "key set of the card (with --reader)")
        String keySet;

        @Override
        public void run() {
            Staff me = root().user();
            KeySet keys = reader == null ? null : root().keySet(me, require(keySet, "--key-set"));
            try (CardConnection c = reader == null ? null : card(reader)) {
                Settlement s = life(root())
                        .replacements()
                        .cancel(
                                me,
                                card,
                                presentedId,
                                new RefundAccount(bank, account, accountName),
                                reason,
                                c == null ? null : c.transport(),
                                keys);
                out().println("card cancelled" + (c == null ? "" : " and blocked") + "; refund " + settlement(s));
            }
        }
    }

    @Command(
            name = "refund",
            mixinStandardHelpOptions = true,
            description = "Tries a pending refund of a cancelled card again.")
    static final class Refund implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CARD")
        String card;

        @Option(names = "--bank", required = true, description = "bank code")
        String bank;

        @Option(names = "--account", required = true, description = "account number")
        String account;

        @Option(names = "--account-name", required = true, description = "account holder's name")
        String accountName;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            Settlement s =
                    life(root).replacements().refund(root.user(), card, new RefundAccount(bank, account, accountName));
            IssueCli.out(spec).println("refund " + settlement(s));
        }
    }

    @Command(
            name = "deposit-refund",
            mixinStandardHelpOptions = true,
            description = "Pays a returned (cancelled) card's deposit (押金) out in cash at the counter, once; without"
                    + " it the deposit goes with the card's refund in the next day close's bank file.")
    static final class DepositRefund implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CARD")
        String card;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            Settlement s = life(root).cards().refundDepositInCash(root.user(), card);
            IssueCli.out(spec).println("deposit " + s.amount() + " fen refunded in cash: pay it to the holder");
        }
    }

    @Command(
            name = "pin-reset",
            mixinStandardHelpOptions = true,
            description = "Resets the PIN at the counter (RELOAD PIN); the holder types the new one.")
    static final class PinReset extends CounterCommand {
        @Option(
                names = {"-r", "--reader"},
                required = true,
                description = "reader holding the card")
        String reader;

        @Option(
                names = {"-k", "--key-set"},
                required = true,
                paramLabel = "FILE|demo",
                description = "key set of the card")
        String keySet;

        @Override
        public void run() {
            Staff me = root().user();
            KeySet keys = root().keySet(me, keySet);
            char[] pin = newPin(root());
            try (CardConnection c = card(reader)) {
                life(root()).cards().resetPin(me, card, presentedId, c.transport(), keys, pin);
                out().println("PIN reset");
            } finally {
                Arrays.fill(pin, '\0');
            }
        }
    }

    @Command(
            name = "rekey",
            mixinStandardHelpOptions = true,
            description = "Re-keys a card at the counter to another key version (issue 22: PUT KEY by secure"
                    + " messaging under its current DAMK); the server then records the card's new version. Run it"
                    + " again to finish an interrupted re-key.")
    static final class Rekey extends CounterCommand {
        @Option(
                names = {"-r", "--reader"},
                required = true,
                description = "reader holding the card")
        String reader;

        @Option(
                names = {"-k", "--key-set"},
                required = true,
                paramLabel = "FILE|demo",
                description = "key set holding the card's current key version and the new one")
        String keySet;

        @Option(
                names = "--key-version",
                paramLabel = "N",
                description = "the new key version, 1..255 (default: the newest the key set holds)")
        Integer keyVersion;

        @Option(
                names = "--terminal-id",
                defaultValue = "990000000001",
                description = "this counter's terminal ID, for the load key check (no money moves)")
        String terminalId;

        @Override
        public void run() {
            Staff me = root().user();
            KeySet keys = root().keySet(me, keySet);
            int target = keyVersion == null ? keys.newestVersion() : keyVersion;
            try (CardConnection c = card(reader)) {
                org.citycard.cardlink.perso.CardRekeyer.Outcome o =
                        life(root()).cards().rekey(me, card, presentedId, c.transport(), keys, target, terminalId);
                out().println(String.format(
                        "card %s re-keyed from key version %02X to %02X (%d keys); the server verifies it with"
                                + " version %02X now",
                        o.asn(), o.fromVersion(), o.toVersion(), o.keysPut(), o.toVersion()));
            }
        }
    }

    @Command(
            name = "expire",
            mixinStandardHelpOptions = true,
            description = "Moves active cards past their expiry date to EXPIRED.")
    static final class Expire implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--before", description = "expiry dates before this day, YYYY-MM-DD (default today)")
        LocalDate before;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            List<CardRecord> expired =
                    life(root).cards().expire(root.user(), before == null ? LocalDate.now() : before);
            expired.forEach(r -> IssueCli.out(spec).println("card " + r.asn() + " expired on " + r.expiryDate()));
            IssueCli.out(spec).println(expired.size() + " cards expired");
        }
    }

    @Command(
            name = "server-sync",
            mixinStandardHelpOptions = true,
            description = "Reports to the server the personalised cards it has not accepted yet.")
    static final class ServerSync implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            IssueCli root = IssueCli.root(spec);
            IssueCli.out(spec).println(life(root).cards().reportPending(root.user()) + " cards reported");
        }
    }
}
