package org.citycard.system.city;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citycard.system.city.CardCentre.IssuedCard;
import org.citycard.system.city.Citizens.Person;
import org.citycard.system.city.CityLayout.TerminalSpec;

/**
 * A day in the life of a small city, end to end on the embedded defaults: the clearing server starts on a fresh
 * Derby, the departments and banks are registered, the card centre enrols and personalises the citizens' cards and
 * the terminals' PSAMs, the counter loads the purses, kiosks and department terminals serve the planned taps (torn
 * ones and a lost card among them), everything is uploaded, a replayed and a forged record are sent, and the day is
 * closed and answered by the banks. Returns what happened; {@link DaySummary} checks it against the server.
 */
public final class CityDay {
    /** The initial load of every card at the counter (fen). */
    public static final long FIRST_LOAD = 20_000;

    /**
     * @param agents kiosks and department terminals (the counter comes on top)
     * @param tears torn purchases among the taps
     */
    public record Config(Path dataDir, int cards, int taps, int agents, int tears, long seed) {
        public Config {
            if (cards < 4) {
                throw new IllegalArgumentException("--cards " + cards + ": at least 4 (one of them is reported lost,"
                        + " one is a disabled person's concession card, one is returned, one is re-keyed)");
            }
            if (taps < 1 || agents < 1) {
                throw new IllegalArgumentException("--taps " + taps + ", --agents " + agents + ": at least 1 each");
            }
        }

        public static int defaultTears(int taps) {
            return Math.max(2, taps / 50);
        }
    }

    /** Everything the summary needs. */
    public record Outcome(
            Config config,
            City city,
            List<String> businessDates,
            CardCentre.Enrolment enrolment,
            List<IssuedCard> cards,
            List<CityTerminal> terminals,
            TapPlan plan,
            DayBook book,
            List<String> undrained,
            Injection.Outcome injection,
            DayClose dayClose,
            List<DayClose.Closed> closed,
            List<DayClose.Status> bankStatus,
            DemoExchange.Result exchange,
            CardLife.Finding expiredCard,
            CardLife.Finding concession,
            CardLife.Rekeyed rekeyed,
            CardLife.Returned returned,
            Map<String, Long> seconds) {}

    private static final int PHASES = 8;

    private CityDay() {}

    /**
     * Runs the day. The server, card centre and terminals stay open in the outcome (the summary reads them);
     * close them with {@link #close(Outcome)}.
     */
    public static Outcome run(Config c, Progress p) throws Exception {
        Map<String, Long> seconds = new java.util.LinkedHashMap<>();
        long t0 = System.nanoTime();
        Files.createDirectories(c.dataDir());

        p.phase(1, PHASES, "clearing server, banks, departments, card centre");
        City city = City.start(c.dataDir());
        ClearingHost server = city.server();
        String startDate = server.businessDate();
        DayClose dayClose = city.dayClose();
        p.detail("REST " + server.baseUrl() + "/api/v1 · ISO 8583 127.0.0.1:" + server.isoPort() + " · Derby in "
                + server.dataDir() + " · demo keys");
        p.detail(CityLayout.DEPARTMENTS.size() + " departments, "
                + (dayClose.unavailable().isPresent()
                        ? "no banks (" + dayClose.unavailable().get() + ")"
                        : CityLayout.BANKS.size() + " banks")
                + "; the card centre reports as staff user " + City.CARD_CENTRE_USER);
        seconds.put("server", lap(t0));

        p.phase(2, PHASES, "card centre: enrolment, comparison (比对), personalisation, hand-over");
        long t3 = System.nanoTime();
        CardCentre centre = city.centre();
        List<Person> people = Citizens.make(c.cards() + 1, c.seed());
        // the data exchange: the departments, the population registry and the social-security bureau on the broker
        DemoExchange exchange = DemoExchange.open(city, c.dataDir());
        int applied = exchange.sendUpdates(people);
        p.detail("exchange: the population registry and the social-security bureau sent " + applied
                + " signed documents over the broker (人口信息变更, 社保缴费), applied by the centre");
        List<Person> applicants = new ArrayList<>(people);
        Person misspelt = people.get(people.size() - 1);
        applicants.set(
                applicants.size() - 1,
                new Person(
                        misspelt.citizenId(),
                        misspelt.name().substring(0, 1) + "晓明",
                        misspelt.sex(),
                        misspelt.birthDate(),
                        misspelt.ethnicity(),
                        misspelt.region()));
        City.Issued issued;
        try (Progress.Bar bar = p.bar("personalising", c.cards())) {
            // one holder has a disabled person's card (残疾人卡, card type 4): free transit while its review holds
            issued = city.issue(
                    people,
                    applicants,
                    Map.of(people.get(c.cards() - 1).citizenId(), CardLife.CONCESSION_TYPE),
                    asn -> bar.step());
        }
        CardCentre.Enrolment enrolment = issued.enrolment();
        List<IssuedCard> cards = issued.cards();
        p.detail(enrolment.enrolled() + " applicants enrolled; comparison with the population registry: "
                + enrolment.verified() + " verified, " + enrolment.flagged().size() + " flagged " + enrolment.flagged()
                + " and rejected by the reviewer");
        p.detail(cards.size() + " cards personalised on simulated blank cards (demo keys), read back, reported to the"
                + " server, handed over and activated");
        seconds.put("cardCentre", lap(t3));

        p.phase(3, PHASES, "terminals: PSAMs, registration, sign-on");
        long t33 = System.nanoTime();
        List<TerminalSpec> specs = CityLayout.terminals(c.agents());
        List<CityTerminal> terminals = new ArrayList<>();
        for (TerminalSpec s : specs) {
            terminals.add(city.terminal(s));
        }
        p.detail(specs.size() + " PSAMs personalised; terminals registered and signed on (hotlist and parameters"
                + " fetched): " + describe(terminals));
        seconds.put("terminals", lap(t33));

        p.phase(4, PHASES, "counter: first loads (online, ISO 8583)");
        long t4 = System.nanoTime();
        DayBook book = new DayBook(cards.size());
        DayRunner runner = new DayRunner(terminals, cards, book);
        try (Progress.Bar bar = p.bar("loading", cards.size())) {
            runner.loadAll(FIRST_LOAD, bar);
        }
        p.detail(cards.size() + " loads of " + Money.yuan(FIRST_LOAD)
                + " CNY authorised by the server (MAC2), credited," + " completed (TAC)");
        seconds.put("loads", lap(t4));

        p.phase(5, PHASES, "the day: purchases, bill payments, queries");
        long t5 = System.nanoTime();
        // the concession card (the last) is not in the plan: the card-life scene below rides with it
        TapPlan plan = TapPlan.draw(specs, cards.size() - 1, c.taps(), c.tears(), c.seed());
        IssuedCard lost = cards.get(plan.lostCard());
        try (Progress.Bar bar = p.bar("taps", c.taps())) {
            runner.run(plan.phase(1), bar);
            centre.reportLoss(lost, "reported lost by the holder");
            for (CityTerminal t : terminals) {
                t.refreshLists();
            }
            runner.tapLostCard(plan.lostCard(), terminals.get(terminals.size() > 2 ? 2 : 1), terminals.get(1));
            runner.run(plan.phase(2), bar);
        }
        CityTerminal transit = terminals.stream()
                .filter(t -> t.department().equals(CityLayout.TRANSIT.code()))
                .findFirst()
                .orElse(terminals.get(1));
        CardLife.Finding expired = CardLife.expiredCard(transit);
        p.detail("card life: " + expired.detail());
        CardLife.Finding concession = CardLife.concessionCard(centre, transit, cards, cards.size() - 1, book);
        p.detail("card life: " + concession.detail());
        // key rotation: a card re-keyed to version 02 at the counter pays under 02 (not the returned card: 0 or 1)
        int rekeyedIndex = plan.lostCard() == 0 ? 2 : 1;
        CardLife.Rekeyed rekeyed = CardLife.rekeyedCard(centre, transit, cards, rekeyedIndex, book);
        p.detail("card life: card " + cards.get(rekeyedIndex).maskedAsn() + " re-keyed from key version 01 to 02 at"
                + " the counter"
                + (rekeyed.problem() == null ? ", then paid a fare under 02" : ": " + rekeyed.problem()));
        p.detail(book.taps() + " taps; " + plan.torn(CityTerminal.Pull.AFTER_DEBIT) + " + "
                + plan.torn(CityTerminal.Pull.BEFORE_DEBIT) + " torn; card " + lost.maskedAsn()
                + " reported lost halfway (" + centre.state(lost.asn()) + "), then blocked at a terminal");
        seconds.put("day", lap(t5));

        p.phase(6, PHASES, "uploads, a replayed and a forged record, a card returned");
        long t6 = System.nanoTime();
        List<String> undrained = drain(terminals);
        CityTerminal victim = terminals.stream()
                .filter(t -> t.kind() != CityTerminal.Kind.COUNTER && Injection.hasAcceptedPurchase(t))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("no terminal took a purchase today: give the day more --taps"));
        Injection.Outcome injection = Injection.inject(victim);
        undrained.addAll(drain(terminals));
        p.detail("every journal uploaded" + (undrained.isEmpty() ? "" : " except " + undrained) + "; injected at "
                + victim.terminalId() + ": replay answered " + injection.replayResult() + ", forgery answered "
                + injection.forgedResult());
        // a holder moving away returns the card (it paid and was loaded today): balance and deposit by bank
        int returnedIndex = plan.lostCard() == 0 ? 1 : 0;
        CardLife.Returned returned = CardLife.returnCard(centre, cards, returnedIndex, book);
        p.detail("card life: card " + cards.get(returnedIndex).maskedAsn() + " returned at the counter and cancelled; "
                + (returned.deposit() != null
                        ? "deposit " + Money.yuan(returned.deposit().amount()) + " CNY refunded in cash, balance to"
                                + " the bank once its records are all in"
                        : Money.yuan(returned.balance().amount()) + " CNY (balance and deposit) refunded by bank"));
        seconds.put("uploads", lap(t6));

        p.phase(7, PHASES, "day close and bank files");
        long t7 = System.nanoTime();
        List<String> dates = dates(startDate, server.businessDate());
        List<DayClose.Closed> closed = new ArrayList<>();
        List<DayClose.Status> status = new ArrayList<>();
        if (dayClose.unavailable().isPresent()) {
            p.detail("NOT RUN: " + dayClose.unavailable().get());
        } else {
            for (String date : dates) {
                DayClose.Closed day = dayClose.close(date);
                closed.add(day);
                p.detail("closed " + date + ": " + day.purchaseCount() + " purchases, net " + Money.yuan(day.net())
                        + " CNY in " + day.files().size() + " bank files (signed)");
                boolean rejectOne = true;
                for (DayClose.Closed.BankFile f : day.files()) {
                    status.add(dayClose.answerAsBank(day, f, rejectOne));
                    rejectOne = false;
                }
            }
        }
        DemoExchange.Result exchanged = exchange.receive(closed);
        p.detail("exchange: the departments received " + exchanged.received() + " over the broker, "
                + exchanged.refused() + " refused; " + exchanged.statementsChecked()
                + " reconciliation statements checked against the settlement");
        seconds.put("dayClose", lap(t7));
        p.phase(8, PHASES, "summary");
        seconds.put("total", lap(t0));
        return new Outcome(
                c,
                city,
                dates,
                enrolment,
                cards,
                terminals,
                plan,
                book,
                undrained,
                injection,
                dayClose,
                closed,
                status,
                exchanged,
                expired,
                concession,
                rekeyed,
                returned,
                seconds);
    }

    /** Stops the terminals, the card centre's database and the server. */
    public static void close(Outcome o) {
        o.city().close();
    }

    /** Every terminal uploads what it holds, side by side; returns those that could not finish. */
    private static List<String> drain(List<CityTerminal> terminals) throws InterruptedException {
        List<java.util.concurrent.CompletableFuture<String>> waits = new ArrayList<>();
        for (CityTerminal t : terminals) {
            waits.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return t.drain(60_000)
                            ? null
                            : t.terminalId() + " (" + t.journal().awaitingUpload() + " records)";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return t.terminalId() + " (interrupted)";
                }
            }));
        }
        List<String> left = new ArrayList<>();
        for (var w : waits) {
            try {
                String r = w.get();
                if (r != null) {
                    left.add(r);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                left.add(String.valueOf(e.getCause()));
            }
        }
        return left;
    }

    /** The business dates from the first to the current (two when the day crossed the cut-off). */
    static List<String> dates(String first, String current) {
        List<String> out = new ArrayList<>();
        java.time.LocalDate d = java.time.LocalDate.parse(first, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        java.time.LocalDate end = java.time.LocalDate.parse(current, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        while (!d.isAfter(end)) {
            out.add(d.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            d = d.plusDays(1);
        }
        return out;
    }

    private static String describe(List<CityTerminal> terminals) {
        Map<CityTerminal.Kind, Long> n = new java.util.EnumMap<>(CityTerminal.Kind.class);
        for (CityTerminal t : terminals) {
            n.merge(t.kind(), 1L, Long::sum);
        }
        List<String> parts = new ArrayList<>();
        n.forEach((k, v) -> parts.add(v + " " + k.label()));
        return String.join(", ", parts);
    }

    private static long lap(long since) {
        return Math.round((System.nanoTime() - since) / 1e9);
    }
}
