package org.citycard.system.city;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.perso.CardPersonaliser;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.format.FixedWidthCodec;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.enrolment.Applicant;
import org.citycard.issuance.life.CardLife;
import org.citycard.issuance.perso.CardSource;
import org.citycard.issuance.perso.ProductionService;
import org.citycard.issuance.perso.ProgressListener;
import org.citycard.issuance.perso.source.SimulatorCardSource;
import org.citycard.issuance.registry.ComparisonService;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.server.HttpCardRegistryClient;
import org.citycard.issuance.staff.Role;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.StatusService;
import org.citycard.system.city.Citizens.Person;

/**
 * The city's card centre, run with the issuance tool as a library: its own staff (supervisor, clerk, reviewer,
 * operator), the population registry import, enrolment and comparison (比对), a reviewer's decision on what the
 * comparison flags, batch personalisation of simulated blank cards with the demo key set, the terminals' PSAMs,
 * hand-over and activation at the counter, and loss reports. The server hears of every card over its REST API.
 */
public final class CardCentre implements AutoCloseable {
    private static final String KEY_SET = "demo";
    private final IssuanceTool tool;
    private final Path dir;
    private final Staff supervisor;
    private final Staff clerk;
    private final Staff reviewer;
    private final Staff operator;
    private final KeySet keys;
    private final CardRegistryClient server;
    private final CardLife life;

    /** A card made, with the person it belongs to and the simulated card itself. */
    public record IssuedCard(String asn, Person holder, SimulatedCard card, Algorithm algorithm) {
        public String maskedAsn() {
            return asn.substring(0, 4) + "…" + asn.substring(asn.length() - 4);
        }

        @Override
        public String toString() {
            return "IssuedCard[" + maskedAsn() + "]";
        }
    }

    /** What enrolment and comparison did. */
    public record Enrolment(int enrolled, int verified, List<String> flagged, int rejected) {}

    private CardCentre(Path dir, URI serverUrl, String serverUser, char[] serverPassword) {
        this.dir = dir;
        char[] bootPassword = randomPassword(); // the demo's fresh data directory: its boot password is in memory only
        try {
            this.tool = IssuanceTool.open(dir, bootPassword);
        } finally {
            java.util.Arrays.fill(bootPassword, '\0');
        }
        char[] staffPassword = randomPassword();
        try {
            this.supervisor = tool.staff().bootstrap("supervisor", "主管", staffPassword.clone());
            this.clerk = add("clerk", "采集员", Role.ENROLMENT_CLERK, staffPassword);
            this.reviewer = add("reviewer", "审核员", Role.REVIEWER, staffPassword);
            this.operator = add("operator", "制卡员", Role.PRODUCTION_OPERATOR, staffPassword);
        } finally {
            java.util.Arrays.fill(staffPassword, '\0');
        }
        this.keys = tool.keyStores().open(operator, KEY_SET, null);
        // reports the audit chain head with every card, too
        this.server = tool.reportingTo(new HttpCardRegistryClient(serverUrl, serverUser, serverPassword));
        this.life = new CardLife(tool, server);
    }

    /**
     * Opens a fresh card centre in {@code dir}, reporting to the server as {@code serverUser} (an ADMIN of the
     * server). Staff passwords are random and never shown: the demo's staff exist only for this run.
     */
    public static CardCentre open(Path dir, URI serverUrl, String serverUser, char[] serverPassword) {
        if (System.getProperty("citycard.pbkdf2.iterations") == null) {
            // the demo's staff log in once each; the production work factor would only slow the start
            System.setProperty("citycard.pbkdf2.iterations", "10000");
        }
        return new CardCentre(dir, serverUrl, serverUser, serverPassword);
    }

    /** The demo's supervisor, signed in. */
    public Staff supervisor() {
        return supervisor;
    }

    private Staff add(String user, String display, Role role, char[] password) {
        tool.staff().add(supervisor, user, display, EnumSet.of(role), password.clone());
        return tool.staff().authenticate(user, password.clone()); // only a signed-in member of staff may act
    }

    private static char[] randomPassword() {
        SecureRandom r = new SecureRandom();
        char[] p = new char[24];
        for (int i = 0; i < p.length; i++) {
            p[i] = (char) ('a' + r.nextInt(26));
        }
        return p;
    }

    /**
     * Imports the population registry, enrols the applicants and compares them (比对). An applicant the
     * comparison flags is rejected by the reviewer with the finding as the reason.
     *
     * @param registry the people as the population registry lists them
     * @param applicants the people as the clerk captured them (one may differ from the registry)
     */
    public Enrolment enrol(List<Person> registry, List<Person> applicants) throws IOException {
        return enrol(registry, applicants, Map.of());
    }

    /**
     * {@link #enrol(List, List)} with the card type (dictionary table card-type) of some applicants by citizen ID;
     * the others get the standard card.
     */
    public Enrolment enrol(List<Person> registry, List<Person> applicants, Map<String, String> cardTypes)
            throws IOException {
        FixedWidthCodec codec = new FixedWidthCodec(tool.dictionary(), "population_registry");
        StringBuilder lines = new StringBuilder();
        for (Person p : registry) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("citizen_id", p.citizenId());
            v.put("name", p.name());
            v.put("sex", p.sex());
            v.put("birth_date", p.birthDate());
            v.put("ethnicity", p.ethnicity());
            v.put("region", p.region());
            v.put("status", "1");
            lines.append(codec.format("P", v)).append('\n');
        }
        Path file = dir.resolve("population-registry.txt");
        Files.write(file, lines.toString().getBytes(Charset.forName("GB18030")));
        tool.registry().importFile(reviewer, file);
        Path photos = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < applicants.size(); i++) {
            Person p = applicants.get(i);
            Path photo = Files.write(photos.resolve("applicant-" + (i + 1) + ".jpg"), Citizens.photo(i + 1L));
            tool.enrolment()
                    .enrol(
                            clerk,
                            new Applicant(
                                    p.citizenId(),
                                    p.name(),
                                    p.sex(),
                                    p.ethnicity(),
                                    p.birthDate(),
                                    null,
                                    null,
                                    null,
                                    null,
                                    cardTypes.get(p.citizenId()),
                                    "110:1:20200101:" + p.region() + ";310:1:20200101:" + p.region(),
                                    photo));
        }
        List<ComparisonService.Result> results = tool.comparison().compareAll(clerk);
        List<String> flagged = new ArrayList<>();
        int rejected = 0;
        for (ComparisonService.Result r : results) {
            if (!r.passed()) {
                String why = r.findings().get(0).kind().name();
                flagged.add(why);
                tool.review().reject(reviewer, r.applicationId(), "comparison: " + why);
                rejected++;
            }
        }
        int verified =
                (int) results.stream().filter(ComparisonService.Result::passed).count();
        return new Enrolment(applicants.size(), verified, flagged, rejected);
    }

    /**
     * Personalises every verified application on blank simulated cards (demo keys), reporting each card to the
     * server, as a mixed city does: the first half in a 3DES batch, the rest in an SM4 batch (CARD-SPEC §7); returns
     * the cards in production order.
     *
     * @param onCard called with each finished card's ASN (progress)
     */
    public List<IssuedCard> produce(List<Person> people, Consumer<String> onCard) {
        int waiting = tool.db().read(c -> org.citycard.issuance.workflow.CardRepository.byState(
                        c, org.citycard.issuance.workflow.CardState.VERIFIED, Integer.MAX_VALUE)
                .size());
        List<IssuedCard> out = new ArrayList<>();
        int tdes = (waiting + 1) / 2;
        out.addAll(produce(people, onCard, Algorithm.TDES, tdes));
        if (waiting > tdes) {
            out.addAll(produce(people, onCard, Algorithm.SM4, waiting - tdes));
        }
        return out;
    }

    private List<IssuedCard> produce(List<Person> people, Consumer<String> onCard, Algorithm algorithm, int count) {
        return produce(people, onCard, algorithm, count, 1);
    }

    /**
     * Personalises up to {@code count} verified applications on blank simulated cards as one batch of key version
     * {@code keyVersion} (issue 22; demo keys of that version), reporting each to the server.
     */
    public List<IssuedCard> produce(
            List<Person> people, Consumer<String> onCard, Algorithm algorithm, int count, int keyVersion) {
        byte[] tk = keys.key("TK");
        SimulatorCardSource source = SimulatorCardSource.citizenCards("CityCard encoder " + System.nanoTime(), tk);
        java.util.Arrays.fill(tk, (byte) 0);
        List<String> asns = produce(source, onCard, algorithm, count, keyVersion);
        List<Object> made = source.finished();
        List<IssuedCard> out = new ArrayList<>();
        for (int i = 0; i < asns.size(); i++) {
            CardRecord r = record(asns.get(i));
            Person holder = people.stream()
                    .filter(p -> p.citizenId().equals(r.citizenId()))
                    .findFirst()
                    .orElseThrow();
            out.add(new IssuedCard(asns.get(i), holder, (SimulatedCard) made.get(i), algorithm));
        }
        return out;
    }

    /**
     * Personalises every verified application as one batch on the cards the source gives (a PC/SC reader, the
     * simulator), reporting each to the server; returns the ASNs in production order.
     */
    public List<String> produce(CardSource source, Consumer<String> onCard) {
        return produce(source, onCard, Algorithm.TDES, Integer.MAX_VALUE);
    }

    /** Personalises up to {@code count} verified applications as one batch of cards with keys of one algorithm. */
    public List<String> produce(CardSource source, Consumer<String> onCard, Algorithm algorithm, int count) {
        return produce(source, onCard, algorithm, count, 1);
    }

    /** {@link #produce(CardSource, Consumer, Algorithm, int)} with keys of key version {@code keyVersion}. */
    public List<String> produce(
            CardSource source, Consumer<String> onCard, Algorithm algorithm, int count, int keyVersion) {
        ProductionService.Batch batch = tool.production().create(operator, count, KEY_SET, algorithm, keyVersion);
        List<String> asns = new ArrayList<>();
        ProductionService.Summary s = tool.production()
                .run(
                        operator,
                        batch.id(),
                        keys,
                        source,
                        new ProgressListener() {
                            @Override
                            public void started(long batchId, int total, int alreadyDone) {}

                            @Override
                            public void cardDone(String asn, CardPersonaliser.Outcome outcome) {
                                asns.add(asn);
                                onCard.accept(asn);
                            }
                        },
                        server,
                        "990000000001");
        if (!s.complete()) {
            throw new IllegalStateException("the production batch stopped: " + s.stoppedBy());
        }
        if (s.serverFailures() > 0) {
            throw new IllegalStateException(s.serverFailures() + " cards were not reported to the server");
        }
        return asns;
    }

    /** Personalises the PSAM in a reader (PC/SC or the simulator) for a terminal. */
    public void psam(CardConnection psam, String terminalId) {
        tool.production().personalisePsam(operator, keys, psam, terminalId);
    }

    /** The citizen whose card this is, as the card centre enrolled them. */
    public String holderOf(String asn) {
        return record(asn).citizenId();
    }

    /** Personalises the PSAM of a terminal on a blank simulated PSAM. */
    public SimulatedCard psam(String terminalId) {
        byte[] tk = keys.key("TK");
        SimulatorCardSource source = SimulatorCardSource.psams("CityCard PSAM encoder " + terminalId, tk);
        java.util.Arrays.fill(tk, (byte) 0);
        CardConnection c = source.present("the PSAM of terminal " + terminalId);
        boolean ok = false;
        try {
            tool.production().personalisePsam(operator, keys, c, terminalId);
            ok = true;
        } finally {
            source.done(c, ok);
        }
        return (SimulatedCard) source.finished().get(0);
    }

    /**
     * The counter re-keys a card to key version {@code keyVersion} (issue 22: PUT KEY by secure messaging under its
     * current DAMK), and the server records the new version.
     */
    public org.citycard.cardlink.perso.CardRekeyer.Outcome rekey(IssuedCard card, int keyVersion) {
        return life.cards()
                .rekey(clerk, card.asn(), card.holder().citizenId(), card.card(), keys, keyVersion, "990000000001");
    }

    /** The city's card deposit (押金, fen): dictionary parameter {@code card_deposit}. */
    public static final long DEPOSIT = org.citycard.dictionary.Dictionary.standard()
            .parameter("card_deposit")
            .asLong();

    /**
     * The counter hands a card to its holder (identity checked), takes the city's deposit ({@link #DEPOSIT}) and
     * activates it.
     */
    public void handOver(IssuedCard card) {
        handOver(card.asn(), card.holder().citizenId(), DEPOSIT);
    }

    /** The counter hands a card to the holder who shows this ID document, and activates it. */
    public void handOver(String asn, String presentedId) {
        handOver(asn, presentedId, 0);
    }

    /** The counter hands a card over taking this deposit (fen; 0 none), and activates it. */
    public void handOver(String asn, String presentedId, long deposit) {
        life.cards().distribute(clerk, asn, presentedId, null, keys, null, deposit);
        life.cards().activate(clerk, asn);
    }

    /**
     * The holder returns the card (moving away): the counter blocks it in the reader, cancels it (注销) and has its
     * balance refunded to the holder's bank account, paid by a day close's bank file once the card's offline records
     * are all in (at once when nothing can be outstanding, else after the server's records wait).
     */
    public org.citycard.issuance.server.Settlement returnCard(
            IssuedCard card, org.citycard.issuance.server.RefundAccount account) {
        return life.replacements()
                .cancel(
                        clerk,
                        card.asn(),
                        card.holder().citizenId(),
                        account,
                        "returned by the holder (moving away)",
                        card.card()::transmit,
                        keys);
    }

    /**
     * The yearly review (年审) at the counter, the card in the reader: its review date rewritten on the card by
     * secure messaging; {@code until} null writes the dictionary's next date, a date given is a clerk's correction.
     */
    public org.citycard.dictionary.codec.CardConcession review(IssuedCard card, java.time.LocalDate until) {
        return life.cards().review(clerk, card.asn(), card.holder().citizenId(), card.card()::transmit, keys, until);
    }

    /** The returned (cancelled) card's deposit paid out in cash at the counter, at once. */
    public org.citycard.issuance.server.Settlement refundDepositInCash(IssuedCard card) {
        return life.cards().refundDepositInCash(clerk, card.asn());
    }

    /** The holder reports the card lost (挂失): it goes on the server's hotlist. */
    public void reportLoss(IssuedCard card, String reason) {
        life.cards().reportLoss(clerk, card.asn(), card.holder().citizenId(), reason);
    }

    /** The card's state in the card centre's records (code, Chinese and English name). */
    public String state(String asn) {
        return record(asn).state().label();
    }

    private CardRecord record(String asn) {
        return tool.status().lookup(asn).stream()
                .map(StatusService.CardStatus::card)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the card centre has no card " + asn));
    }

    public IssuanceTool tool() {
        return tool;
    }

    @Override
    public void close() {
        tool.close();
    }
}
