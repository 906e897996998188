package org.citycard.system.city;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citycard.agent.purse.CardQueries;
import org.citycard.agent.purse.PurseCard;
import org.citycard.cardlink.command.CardRefusedException;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;
import org.citycard.system.city.CardCentre.IssuedCard;
import org.citycard.system.city.CityDay.Outcome;
import org.citycard.system.city.DayBook.Tally;

/**
 * The day as the server, the cards and the citizens' own books tell it, side by side, and the checks that must
 * all hold: every tap went as planned, everything was uploaded, the ledger balances and matches the receipts, every
 * card's balance equals the server's shadow account, nothing was debited twice, the lost card was blocked, every
 * expected quarantine happened (and nothing else), and — with day close — the settlement adds up and the bank files
 * validate and come back from the banks.
 */
public final class DaySummary {
    /** One check of the summary. */
    public record Check(String name, boolean ok, String detail) {}

    /** One department's day at the server, beside the receipts the citizens hold. */
    public record DepartmentLine(
            String code, String name, long count, long gross, long fee, long net, Tally receipts) {}

    private final Outcome o;
    private final ServerAdmin admin;
    private final List<DepartmentLine> departments = new ArrayList<>();
    private final Map<String, Long> quarantine = new TreeMap<>();
    private final List<Check> checks = new ArrayList<>();
    private Tally serverLoads = new Tally(0, 0);
    private JsonNode trialBalance;
    private final List<String> balanceMismatches = new ArrayList<>();
    private int balancesCompared;

    private DaySummary(Outcome o) {
        this.o = o;
        this.admin = o.city().server().admin();
    }

    /** Reads the server, the cards and the journals, and runs the checks. */
    public static DaySummary of(Outcome o) {
        DaySummary s = new DaySummary(o);
        s.gather();
        s.check();
        s.exchangeCheck();
        return s;
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    public boolean allHold() {
        return checks.stream().allMatch(Check::ok);
    }

    public List<DepartmentLine> departments() {
        return List.copyOf(departments);
    }

    /** Quarantine entries by "code status" (e.g. "Q2 REPEAT"). */
    public Map<String, Long> quarantine() {
        return new TreeMap<>(quarantine);
    }

    /** Records held (counter gap, balance chain) until an earlier one came from another terminal, then posted. */
    public long released() {
        return quarantine.entrySet().stream()
                .filter(e -> e.getKey().endsWith(" RELEASED"))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    public Outcome outcome() {
        return o;
    }

    private void gather() {
        Map<String, long[]> perDept = new TreeMap<>();
        long loadCount = 0;
        long loadAmount = 0;
        for (String date : o.businessDates()) {
            JsonNode totals = admin.dayTotals(date);
            for (JsonNode d : totals.path("purchases")) {
                long[] t = perDept.computeIfAbsent(d.path("departmentCode").asText(), k -> new long[4]);
                t[0] += d.path("count").asLong();
                t[1] += d.path("gross").asLong();
                t[2] += d.path("fee").asLong();
                t[3] += d.path("net").asLong();
            }
            for (JsonNode l : totals.path("loads")) {
                loadCount += l.path("count").asLong();
                loadAmount += l.path("amount").asLong();
            }
            for (JsonNode q : admin.quarantine(date)) {
                quarantine.merge(
                        code(q.path("reason").asText()) + " " + q.path("status").asText(), 1L, Long::sum);
            }
        }
        serverLoads = new Tally(loadCount, loadAmount);
        Map<String, Tally> receipts = o.book().receipts();
        java.util.Set<String> codes = new java.util.TreeSet<>(perDept.keySet());
        codes.addAll(receipts.keySet());
        for (String code : codes) {
            long[] t = perDept.getOrDefault(code, new long[4]);
            departments.add(new DepartmentLine(
                    code,
                    CityLayout.department(code).name() + " "
                            + CityLayout.department(code).en(),
                    t[0],
                    t[1],
                    t[2],
                    t[3],
                    receipts.getOrDefault(code, new Tally(0, 0))));
        }
        trialBalance = admin.trialBalance();
        for (int i = 0; i < o.cards().size(); i++) {
            if (o.returned() == null || i != o.returned().index()) {
                compareBalance(i, o.cards().get(i)); // the returned card's money is checked with its deposit
            }
        }
    }

    private void compareBalance(int index, IssuedCard card) {
        long books = o.book().balance(index);
        JsonNode account = admin.account(card.asn());
        long floatBalance = account.path("floatBalance").asLong();
        long chain = account.path("chainBalance").asLong();
        // a load is placed in the balance chain when a purchase after it arrives; until then only the float has it
        boolean chainAgrees = account.path("pendingLoads").asInt() > 0 || chain == books;
        String onCard;
        boolean cardAgrees;
        PurseCard purse = PurseCard.select(card.card()::transmit);
        if (purse.blocked()) {
            onCard = "blocked (balance not readable)";
            cardAgrees = true;
        } else {
            long b;
            try {
                b = CardQueries.balance(card.card()::transmit);
            } catch (CardRefusedException e) {
                balanceMismatches.add(card.maskedAsn() + ": GET BALANCE refused " + e.getMessage());
                return;
            }
            onCard = Money.yuan(b);
            cardAgrees = b == books;
        }
        balancesCompared++;
        if (!cardAgrees || floatBalance != books || !chainAgrees) {
            balanceMismatches.add(card.maskedAsn() + ": card " + onCard + ", receipts " + Money.yuan(books)
                    + ", server float " + Money.yuan(floatBalance) + ", chain " + Money.yuan(chain));
        }
    }

    private void check() {
        DayBook b = o.book();
        List<String> anomalies = b.anomalies();
        add(
                "every tap went as planned",
                anomalies.isEmpty(),
                anomalies.isEmpty() ? b.taps() + " taps" : anomalies.size() + ": " + first(anomalies));
        add(
                "every journal uploaded",
                o.undrained().isEmpty(),
                o.undrained().isEmpty()
                        ? o.terminals().size() + " terminals, nothing waiting"
                        : o.undrained().toString());
        keyCheck();
        algorithmCheck();
        cardLifeChecks();
        boolean balanced = trialBalance.path("debits").asLong()
                        == trialBalance.path("credits").asLong()
                && trialBalance.path("unbalancedJournals").asLong() == 0
                && trialBalance.path("cardsWithNegativeFloat").asLong() == 0;
        add(
                "the ledger balances",
                balanced,
                "debits " + Money.yuan(trialBalance.path("debits").asLong()) + " = credits "
                        + Money.yuan(trialBalance.path("credits").asLong()) + ", "
                        + trialBalance.path("unbalancedJournals").asLong() + " unbalanced journals, "
                        + trialBalance.path("cardsWithNegativeFloat").asLong() + " negative floats");
        List<String> off = new ArrayList<>();
        for (DepartmentLine d : departments) {
            if (d.count() != d.receipts().count() || d.gross() != d.receipts().amount()) {
                off.add(d.code() + ": server " + d.count() + " / " + Money.yuan(d.gross()) + ", receipts "
                        + d.receipts().count() + " / " + Money.yuan(d.receipts().amount()));
            }
        }
        add(
                "the server's purchases are the citizens' receipts",
                off.isEmpty(),
                off.isEmpty() ? "per department, count and amount" : String.join("; ", off));
        Tally loads = b.loads();
        add(
                "the server's loads are the counter's",
                loads.equals(serverLoads),
                "counter " + loads.count() + " / " + Money.yuan(loads.amount()) + ", server " + serverLoads.count()
                        + " / " + Money.yuan(serverLoads.amount()));
        add(
                "card balances equal the server's shadow balances",
                balanceMismatches.isEmpty() && balancesCompared == o.cards().size() - (o.returned() == null ? 0 : 1),
                balanceMismatches.isEmpty()
                        ? balancesCompared + " cards: card = receipts = server float = balance chain"
                                + (o.returned() == null ? "" : " (and the returned card checked with its refund)")
                        : first(balanceMismatches));
        long torn = o.plan().torn(CityTerminal.Pull.AFTER_DEBIT) + o.plan().torn(CityTerminal.Pull.BEFORE_DEBIT);
        add(
                "nothing was debited twice",
                b.provenAfterLoss() + b.voidedAndPaidAgain() == torn && balanceMismatches.isEmpty(),
                torn + " torn purchases: " + b.provenAfterLoss() + " proven from the card on the next tap, "
                        + b.voidedAndPaidAgain() + " voided and paid again; every balance as the receipts say");
        IssuedCard lost = o.cards().get(o.plan().lostCard());
        JsonNode lostAccount = admin.account(lost.asn());
        boolean lostOk = b.blockedAtTerminal() == 1
                && b.refusedAsBlocked() == 1
                && lostAccount.path("hotlisted").asBoolean();
        add(
                "the lost card was blocked",
                lostOk,
                lost.maskedAsn() + ": hotlisted at the server "
                        + lostAccount.path("hotlisted").asBoolean()
                        + ", blocked at a terminal " + b.blockedAtTerminal() + ", refused as blocked "
                        + b.refusedAsBlocked());
        Injection.Outcome inj = o.injection();
        boolean injected =
                "00".equals(inj.batchResponse()) && "94".equals(inj.replayResult()) && "Q1".equals(inj.forgedResult());
        Map<String, Long> kept = new TreeMap<>(quarantine);
        kept.keySet().removeIf(k -> k.endsWith(" RELEASED"));
        Map<String, Long> expected = Map.of("Q1 QUARANTINED", 1L, "Q2 REPEAT", 1L);
        add(
                "every expected quarantine happened, and nothing else",
                injected && kept.equals(expected),
                "replay answered " + inj.replayResult() + ", forgery " + inj.forgedResult() + "; kept out of the"
                        + " ledger " + kept + ", expected " + new TreeMap<>(expected)
                        + (released() > 0
                                ? "; " + released() + " held until an earlier record came, then posted"
                                : ""));
        checkDayClose();
    }

    private void checkDayClose() {
        if (o.dayClose().unavailable().isPresent()) {
            return;
        }
        long gross = departments.stream().mapToLong(DepartmentLine::gross).sum();
        long closedGross = o.closed().stream().mapToLong(DayClose.Closed::gross).sum();
        long closedNetFee =
                o.closed().stream().mapToLong(c -> c.net() + c.fee()).sum();
        List<String> off = new ArrayList<>();
        for (DepartmentLine d : departments) {
            long settledCount = 0;
            long settledGross = 0;
            for (DayClose.Closed c : o.closed()) {
                for (DayClose.Closed.Settlement st : c.departments()) {
                    if (st.department().equals(d.code())) {
                        settledCount += st.count();
                        settledGross += st.gross();
                    }
                }
            }
            if (settledCount != d.count() || settledGross != d.gross()) {
                off.add(d.code() + ": settled " + settledCount + " / " + Money.yuan(settledGross) + ", ledger "
                        + d.count() + " / " + Money.yuan(d.gross()));
            }
        }
        add(
                "settlement: Σ net + Σ fee = Σ gross = the day's purchases, per department",
                closedGross == gross && closedNetFee == gross && off.isEmpty(),
                "gross " + Money.yuan(closedGross) + ", net + fee " + Money.yuan(closedNetFee) + ", purchases "
                        + Money.yuan(gross) + (off.isEmpty() ? "" : "; " + String.join("; ", off)));
        List<String> bad = new ArrayList<>();
        java.util.Set<String> signers = new java.util.TreeSet<>();
        int files = 0;
        for (DayClose.Closed c : o.closed()) {
            for (DayClose.Closed.BankFile f : c.files()) {
                BankFiles.Verdict v = BankFiles.check(f.folder(), f.messageId(), f.transactions(), f.total());
                files++;
                bad.addAll(v.problems());
                if (!v.signer().isEmpty()) {
                    signers.add(v.signer());
                }
            }
        }
        add(
                "the bank files validate",
                bad.isEmpty() && files > 0,
                bad.isEmpty()
                        ? files + (files == 1 ? " file set" : " file sets")
                                + ": pain.001 valid against pain.001.001.03.xsd with its counts and sums,"
                                + " detail file trailer and hash, manifest digests, signature by " + signers
                        : first(bad));
        int transactions = o.closed().stream()
                .flatMap(c -> c.files().stream())
                .mapToInt(DayClose.Closed.BankFile::transactions)
                .sum();
        int accepted =
                o.bankStatus().stream().mapToInt(DayClose.Status::accepted).sum();
        int rejected =
                o.bankStatus().stream().mapToInt(DayClose.Status::rejected).sum();
        add(
                "the banks' status reports were read back",
                accepted + rejected == transactions && rejected == 1,
                o.bankStatus().size() + " pain.002: " + accepted + " payments accepted, " + rejected
                        + " rejected (AC04) and re-queued for the next day, of " + transactions);
    }

    /** Each terminal has a master key of its own and signed on with a working key of its own (DESIGN §3.8). */
    private void keyCheck() {
        List<CityTerminal> ts = o.terminals();
        java.util.Set<String> masters = new java.util.HashSet<>();
        java.util.Set<String> working = new java.util.HashSet<>();
        List<String> unsigned = new ArrayList<>();
        for (CityTerminal t : ts) {
            masters.add(t.terminalKeyCheckValue());
            if (t.workingKeyCheckValue() == null) {
                unsigned.add(t.terminalId());
            } else {
                working.add(t.workingKeyCheckValue());
            }
        }
        boolean ok = !ts.isEmpty() && unsigned.isEmpty() && masters.size() == ts.size() && working.size() == ts.size();
        add(
                "every terminal signed on with its own key",
                ok,
                unsigned.isEmpty()
                        ? ts.size() + " terminals, " + masters.size() + " terminal master keys, " + working.size()
                                + " working keys (check values all different); no master key at any terminal"
                        : "not signed on: " + unsigned);
    }

    /**
     * A mixed city (CARD-SPEC §7): cards of both algorithms paid and were loaded, every one's balance agrees (the
     * balance check above covers them all), and a terminal with SM4 keys signed on and uploaded.
     */
    private void algorithmCheck() {
        DayBook b = o.book();
        java.util.Map<org.citycard.dictionary.crypto.Algorithm, int[]> by =
                new java.util.EnumMap<>(org.citycard.dictionary.crypto.Algorithm.class);
        java.util.Set<Integer> paid = b.paidCards();
        java.util.Set<Integer> loaded = b.loadedCards();
        for (int i = 0; i < o.cards().size(); i++) {
            int[] t = by.computeIfAbsent(o.cards().get(i).algorithm(), k -> new int[3]);
            t[0]++;
            t[1] += paid.contains(i) ? 1 : 0;
            t[2] += loaded.contains(i) ? 1 : 0;
        }
        long sm4Terminals = o.terminals().stream()
                .filter(t -> t.terminalKey().algorithm() == org.citycard.dictionary.crypto.Algorithm.SM4
                        && t.workingKeyCheckValue() != null)
                .count();
        boolean ok = by.size() == 2
                && by.values().stream().allMatch(t -> t[1] > 0 && t[2] > 0)
                && sm4Terminals > 0
                && balanceMismatches.isEmpty();
        StringBuilder d = new StringBuilder();
        by.forEach((alg, t) -> d.append(d.length() == 0 ? "" : "; ")
                .append(alg.label())
                .append(' ')
                .append(t[0])
                .append(" cards (")
                .append(t[1])
                .append(" paid, ")
                .append(t[2])
                .append(" loaded)"));
        d.append("; ").append(sm4Terminals).append(" terminal(s) signed on with SM4 keys; every balance agrees");
        add("3DES and SM4 cards side by side (国密 SM4)", ok, d.toString());
    }

    /** Card life as cities run it (issue 22). */
    private void cardLifeChecks() {
        CardLife.Finding expired = o.expiredCard();
        add("an expired card is refused offline (有效期)", expired.ok(), expired.detail());
        CardLife.Finding concession = o.concession();
        add(
                "a concession fare, a lapsed review and the review at the counter (优惠卡, 年审)",
                concession.ok(),
                concession.detail());
        CardLife.Finding versions = CardLife.keyVersions(admin, o.rekeyed());
        add("a purchase under a second key version (密钥版本轮换)", versions.ok(), versions.detail());
        CardLife.Finding deposits = CardLife.deposits(admin, o.cards(), o.returned());
        add("a returned card's deposit is refunded (押金退还)", deposits.ok(), deposits.detail());
    }

    /** Cards by the algorithm of their keys (3DES, SM4), for the report. */
    public Map<String, Long> cardsByAlgorithm() {
        Map<String, Long> out = new TreeMap<>();
        for (IssuedCard c : o.cards()) {
            out.merge(c.algorithm().label(), 1L, Long::sum);
        }
        return out;
    }

    private void exchangeCheck() {
        DemoExchange.Result x = o.exchange();
        boolean ok = x.refused() == 0
                && x.statementProblems().isEmpty()
                && x.statementsChecked() > 0
                && x.inboundApplied() >= 2
                && x.received().getOrDefault("reconciliation_statement", 0) > 0;
        add(
                "the data exchange: signed XML, valid against its XSD, statements equal to the settlement",
                ok,
                x.statementProblems().isEmpty()
                        ? x.inboundApplied() + " documents in (registry, social security), " + x.received()
                                + " out to the departments, " + x.refused() + " refused; "
                                + x.statementsChecked() + " statements equal to the day's settlement"
                        : first(x.statementProblems()));
    }

    private void add(String name, boolean ok, String detail) {
        checks.add(new Check(name, ok, detail));
    }

    /** Adds a check made elsewhere (the bank files' validation). */
    public void add(Check c) {
        checks.add(c);
    }

    private static String first(List<String> items) {
        return items.size() <= 3 ? String.join("; ", items) : String.join("; ", items.subList(0, 3)) + " …";
    }

    /** The dictionary's code (Q1 …) of a quarantine reason's name. */
    static String code(String reasonName) {
        return Dictionary.standard().codeTable("quarantine-reason").codes().stream()
                .filter(c -> reasonName.equals(c.attr("name")))
                .map(Code::code)
                .findFirst()
                .orElse(reasonName);
    }

    /** Quarantine reason code → English name, for the report. */
    static Map<String, String> reasonNames() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Code c : Dictionary.standard().codeTable("quarantine-reason").codes()) {
            out.put(c.code(), c.zh() + " " + c.en());
        }
        return out;
    }
}
