package org.citycard.agent.purse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fare rules alone: the dictionary's defaults, the parameters over them, the arithmetic and the order. */
class FareRulesTest {
    private static final String TODAY = "20261203";

    private static PurseCard card(String type, String review) {
        return new PurseCard(new byte[8], "31000000000000022345", "20260101", "20360101", false, type, review);
    }

    @Test
    void theDictionaryDefaults_giveSeniorsTwoFreeRidesAndHalfFare_offPeak() {
        FareRules.Rule senior = FareRules.defaults().rule("2");
        assertThat(senior.discountPermille()).isEqualTo(500);
        assertThat(senior.freeRidesPerDay()).isEqualTo(2);
        assertThat(senior.review()).isTrue();
        assertThat(senior.inHours("085959")).isFalse();
        assertThat(senior.inHours("090000")).isTrue();
        assertThat(senior.inHours("165959")).isTrue();
        assertThat(senior.inHours("170000")).isFalse();
        assertThat(FareRules.defaults().rule("4").discountPermille()).isEqualTo(1000);
        assertThat(FareRules.defaults().rule("1").concession()).isFalse();
    }

    @Test
    void theConcessionFare_isRoundedHalfUp_inWholeFen() {
        assertThat(FareRules.discounted(200, 500)).isEqualTo(100);
        assertThat(FareRules.discounted(199, 500)).isEqualTo(100); // 99.5 → 100
        assertThat(FareRules.discounted(197, 500)).isEqualTo(99); // 98.5 → 99
        assertThat(FareRules.discounted(201, 333)).isEqualTo(134); // 134.067
        assertThat(FareRules.discounted(1, 600)).isZero(); // 0.4 → 0: a free ride
        assertThat(FareRules.discounted(250, 0)).isEqualTo(250);
        assertThat(FareRules.discounted(250, 1000)).isZero();
    }

    @Test
    void theOrder_isReviewThenHoursThenFreeRidesThenDiscount() {
        FareRules r = FareRules.defaults();
        PurseCard senior = card("2", "20261231");
        assertThat(r.fare(senior, 200, "01", TODAY, "100000", 0))
                .isEqualTo(new FareRules.Fare(200, 0, 100, FareRules.FREE_RIDE));
        assertThat(r.fare(senior, 200, "01", TODAY, "100000", 2))
                .isEqualTo(new FareRules.Fare(200, 100, 100, FareRules.CONCESSION));
        assertThat(r.fare(senior, 200, "01", TODAY, "080000", 0))
                .isEqualTo(new FareRules.Fare(200, 200, 100, FareRules.OUTSIDE_HOURS));
        assertThat(r.fare(card("2", "20261202"), 200, "01", TODAY, "100000", 0))
                .isEqualTo(new FareRules.Fare(200, 200, 100, FareRules.REVIEW_LAPSED));
        // the review date itself is the last day of the concession
        assertThat(r.fare(card("2", TODAY), 200, "01", TODAY, "100000", 2).charged())
                .isEqualTo(100);
        // a card type that needs the review and carries no review date pays the full fare
        assertThat(r.fare(card("3", null), 200, "01", TODAY, "100000", 0).reason())
                .isEqualTo(FareRules.REVIEW_LAPSED);
        // not transit: no concession and no reason
        assertThat(r.fare(senior, 200, "02", TODAY, "100000", 0)).isEqualTo(new FareRules.Fare(200, 200, 200, null));
        assertThat(r.fare(senior, 200, null, TODAY, "100000", 0).reason()).isNull();
    }

    @Test
    void theParameters_overrideTheDictionary_perCardType() {
        FareRules r = FareRules.of(Map.of(
                FareRules.P_FARE_RULES,
                "[{\"cardType\":\"3\",\"discountPermille\":300,\"hours\":\"0600-0900,1600-1900\"}]"));
        assertThat(r.rule("3").discountPermille()).isEqualTo(300);
        assertThat(r.rule("3").inHours("070000")).isTrue();
        assertThat(r.rule("3").inHours("120000")).isFalse();
        assertThat(r.rule("3").inHours("183000")).isTrue();
        assertThat(r.rule("2").discountPermille()).isEqualTo(500);
    }

    @Test
    void badRules_areRefused_namingTheFieldAndTheValue() {
        assertThatThrownBy(() -> FareRules.of(
                        Map.of(FareRules.P_FARE_RULES, "[{\"cardType\":\"2\",\"discountPermille\":1200}]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("discountPermille 1200")
                .hasMessageContaining("0..1000");
        assertThatThrownBy(() ->
                        FareRules.of(Map.of(FareRules.P_FARE_RULES, "[{\"cardType\":\"2\",\"hours\":\"1700-0900\"}]")))
                .hasMessageContaining("1700-0900");
        assertThatThrownBy(() -> FareRules.of(Map.of(FareRules.P_FARE_RULES, "[{\"cardType\":\"7\"}]")))
                .hasMessageContaining("card type '7'");
        assertThatThrownBy(() -> FareRules.of(Map.of(FareRules.P_FARE_RULES, "{nope")))
                .hasMessageContaining(FareRules.P_FARE_RULES);
    }
}
