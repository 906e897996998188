package org.citycard.agent.purse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.agent.testing.SimRig;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.command.GetBalance;
import org.citycard.cardlink.perso.ConcessionReview;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.CardConcession;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeySet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concession cards on the real tap path, the real applets in jCardSim: the card type and review date travel in the
 * purse's FCI (SFI 15 card_concession, written at personalisation), the fare rules in the terminal parameters. A
 * senior card rides free for its free rides of the day, then at half fare; once its review date has passed it pays
 * the full fare and the receipt says why; the counter's review (secure messaging) restores the concession.
 */
class ConcessionTapTest {
    private static final String ASN = "31000000000000022345";
    private static final String BUS = "0101";
    private static final String WATER = "0201";
    private static final String SENIOR = "2";
    private static final long FARE = 200;

    private SimRig rig;
    private final SimPersonaliser perso = SimPersonaliser.demo();

    @BeforeEach
    void setUp() {
        rig = new SimRig().loop();
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    /** The terminal parameters of a bus line: its department is transit, the senior hours all day. */
    private void busParameters(String version, String seniorHours, Map<String, String> more) {
        Map<String, String> p = new HashMap<>(more);
        p.put(
                FareRules.P_DEPARTMENTS,
                "[{\"code\":\"" + BUS + "\",\"category\":\"01\",\"zh\":\"公交\",\"en\":\"Bus\"}," + "{\"code\":\"" + WATER
                        + "\",\"category\":\"02\",\"zh\":\"水务\",\"en\":\"Water\"}]");
        p.put(FareRules.P_FARE_RULES, "[{\"cardType\":\"2\",\"hours\":\"" + seniorHours + "\"}]");
        rig.journal.lists().applyParameters(version, p);
    }

    private SimulatedCard senior(LocalDate reviewDate, long balance) {
        SimulatedCard c = perso.newCitizenCard(CitizenProfile.demo(ASN).withConcession(SENIOR, reviewDate));
        perso.load(c, ASN, balance, "999999999999");
        return c;
    }

    private AgentEvent ride(SimulatedCard card, String department) throws InterruptedException {
        rig.agent.taps().arm(new TapRequest.Pay(new PurchaseRequest(FARE, department, "", null)));
        return rig.tap(card);
    }

    private static long balance(SimulatedCard card) {
        PurseCard.select(SimRig.direct(card));
        return GetBalance.send(SimRig.direct(card));
    }

    private static void assertFare(AgentEvent e, String code, long charged) {
        Code m = OfflineRules.message(code);
        assertThat(e.type()).isEqualTo("receipt");
        assertThat(e.data())
                .containsEntry("amount", charged)
                .containsEntry("fullFare", FARE)
                .containsEntry("fare", code)
                .containsEntry("fareZh", m.zh())
                .containsEntry("fareEn", m.en());
    }

    /** The agent's business date (its clock is the system's). */
    private static String today() {
        return LocalDate.now().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    }

    private List<Long> journaledAmounts() {
        return rig.journal.all().stream().map(j -> j.record().amount()).toList();
    }

    @Test
    void aSeniorCard_ridesFreeForItsFreeRides_thenAtHalfFare_andTheFreeRidesAreCountedInTheJournal() throws Exception {
        busParameters("11", "0000-2400", Map.of());
        SimulatedCard card = senior(LocalDate.now().plusMonths(6), 5_000);
        // the dictionary's senior rule: 2 free rides a day, then 500 ‰ off
        AgentEvent first = ride(card, BUS);
        assertFare(first, FareRules.FREE_RIDE, 0);
        assertThat(first.data()).containsEntry("freeRide", true).containsEntry("balance", 5_000L);
        assertFare(ride(card, BUS), FareRules.FREE_RIDE, 0);
        assertThat(balance(card)).isEqualTo(5_000);
        assertThat(rig.journal.all())
                .as("a free ride debits nothing and uploads nothing")
                .isEmpty();
        assertThat(rig.journal.freeRidesOn(ASN, today())).isEqualTo(2);

        AgentEvent third = ride(card, BUS);
        assertFare(third, FareRules.CONCESSION, 100);
        assertThat(third.data()).containsEntry("freeRide", false).containsEntry("balance", 4_900L);
        assertThat(balance(card)).isEqualTo(4_900);
        assertThat(journaledAmounts()).containsExactly(100L);
    }

    @Test
    void aConcession_isForTransitOnly_aWaterBillPaysInFull_withoutAReason() throws Exception {
        busParameters("12", "0000-2400", Map.of());
        SimulatedCard card = senior(LocalDate.now().plusMonths(6), 5_000);
        AgentEvent e = ride(card, WATER);
        assertThat(e.type()).isEqualTo("receipt");
        assertThat(e.data()).containsEntry("amount", FARE).doesNotContainKey("fare");
        assertThat(balance(card)).isEqualTo(4_800);
        assertThat(rig.journal.freeRidesOn(ASN, today())).isZero();
    }

    @Test
    void aCardWhoseReviewLapsed_paysTheFullFare_withTheReasonShown_untilTheCounterReviewsIt() throws Exception {
        busParameters("13", "0000-2400", Map.of());
        LocalDate today = LocalDate.now();
        SimulatedCard card = senior(today.minusDays(1), 5_000);
        AgentEvent lapsed = ride(card, BUS);
        assertFare(lapsed, FareRules.REVIEW_LAPSED, FARE);
        assertThat((String) lapsed.data().get("fareEn")).contains("review has lapsed");
        assertThat((String) lapsed.data().get("fareZh")).contains("年审");
        assertThat(balance(card)).isEqualTo(4_800);
        assertThat(rig.journal.freeRidesOn(ASN, today())).isZero();

        // the counter's review: secure messaging with the card's DAMK rewrites the review date in SFI 15
        CardConcession reviewed = new ConcessionReview(Dictionary.standard())
                .write(
                        SimRig.direct(card),
                        KeySet.demo(),
                        Algorithm.TDES,
                        ASN,
                        null,
                        today.plusYears(1).minusDays(1));
        assertThat(reviewed)
                .isEqualTo(new CardConcession(SENIOR, today.plusYears(1).minusDays(1)));

        AgentEvent after = ride(card, BUS);
        assertFare(after, FareRules.FREE_RIDE, 0);
        assertThat(balance(card)).isEqualTo(4_800);
    }

    @Test
    void outsideTheConcessionHours_theFullFareIsCharged_withTheReason() throws Exception {
        // an hour twelve hours away from now: the tap is outside it whenever the test runs
        int h = (LocalTime.now().getHour() + 12) % 24;
        busParameters("14", String.format("%02d00-%02d00", h, h + 1), Map.of());
        SimulatedCard card = senior(LocalDate.now().plusMonths(6), 5_000);
        assertFare(ride(card, BUS), FareRules.OUTSIDE_HOURS, FARE);
        assertThat(balance(card)).isEqualTo(4_800);
    }

    @Test
    void theOfflineLimits_applyToTheFareCharged() throws Exception {
        // a per-purchase limit between the concession fare (100) and the full fare (200)
        rig.journal
                .lists()
                .applyParameters(
                        "16",
                        Map.of(
                                OfflineRules.P_PURCHASE_LIMIT,
                                "150",
                                FareRules.P_DEPARTMENTS,
                                "[{\"code\":\"" + BUS + "\",\"category\":\"01\"}]",
                                FareRules.P_FARE_RULES,
                                "[{\"cardType\":\"2\",\"hours\":\"0000-2400\",\"freeRidesPerDay\":0}]"));
        SimulatedCard card = senior(LocalDate.now().plusMonths(6), 5_000);
        assertFare(ride(card, BUS), FareRules.CONCESSION, 100);
        // a standard card pays the full fare, above this terminal's limit
        SimulatedCard standard = rig.card("31000000000000022346", 5_000);
        AgentEvent refused = ride(standard, BUS);
        assertThat(refused.type()).isEqualTo("error");
        assertThat(refused.data()).containsEntry("message", OfflineRules.ABOVE_PURCHASE_LIMIT);
        assertThat(balance(standard)).isEqualTo(5_000);
    }

    @Test
    void aStandardCard_paysTheFullFare_withNoFareLine() throws Exception {
        busParameters("17", "0000-2400", Map.of());
        SimulatedCard standard = rig.card("31000000000000022347", 5_000);
        AgentEvent e = ride(standard, BUS);
        assertThat(e.type()).isEqualTo("receipt");
        assertThat(e.data()).containsEntry("amount", FARE).doesNotContainKey("fare");
        assertThat(balance(standard)).isEqualTo(4_800);
    }

    @Test
    void aLostDebitAnswer_onAConcessionCard_isProvenOnTheNextTap_andPaidOnceAtTheConcessionFare() throws Exception {
        rig.journal
                .lists()
                .applyParameters(
                        "18",
                        Map.of(
                                FareRules.P_DEPARTMENTS,
                                "[{\"code\":\"" + BUS + "\",\"category\":\"01\"}]",
                                FareRules.P_FARE_RULES,
                                "[{\"cardType\":\"2\",\"hours\":\"0000-2400\",\"freeRidesPerDay\":0}]"));
        SimulatedCard card = senior(LocalDate.now().plusMonths(6), 5_000);
        rig.agent.taps().arm(new TapRequest.Pay(new PurchaseRequest(FARE, BUS, "", null)));
        AgentEvent lost =
                rig.agent.tap(SimRig.losing(card, 0x54, true, new java.util.concurrent.atomic.AtomicInteger(1)));
        assertThat(lost.data()).containsEntry("kind", "lost");
        // the request stays armed for this card: its next tap proves the debit of 100 (not 200) and pays nothing more
        AgentEvent again = rig.agent.tap(SimRig.direct(card));
        assertThat(again.type()).isEqualTo("receipt");
        assertThat(again.data()).containsEntry("recovered", true).containsEntry("amount", 100L);
        assertThat(balance(card)).isEqualTo(4_900);
        assertThat(journaledAmounts()).containsExactly(100L);
    }
}
