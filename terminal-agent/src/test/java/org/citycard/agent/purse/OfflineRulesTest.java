package org.citycard.agent.purse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.citycard.dictionary.Dictionary;
import org.junit.jupiter.api.Test;

/**
 * {@link OfflineRules} alone. The counter's end (FFFF) is checked here: the simulator personalises a card's offline
 * counter from 0 and 65,535 purchases are too many for a test, so the rule's check is driven directly.
 */
class OfflineRulesTest {
    private final OfflineRules rules = OfflineRules.defaults();

    @Test
    void defaults_areTheDictionarysParameters() {
        var d = Dictionary.standard();
        assertThat(rules.purchaseLimit())
                .isEqualTo(d.parameter("offline_purchase_limit").asLong());
        assertThat(rules.dailyLimit())
                .isEqualTo(d.parameter("offline_daily_limit").asLong());
        assertThat(rules.counterWarning()).isEqualTo(65_000);
        assertThat(OfflineRules.COUNTER_END).isEqualTo(0xFFFF);
    }

    @Test
    void counter_warnsFromTheWarningValue_andRefusesAtFFFF() {
        assertThat(rules.counterWarning(64_999)).isEmpty();
        assertThat(rules.counterWarning(65_000)).contains(OfflineRules.COUNTER_NEAR_END);
        assertThat(rules.counterWarning(65_534)).contains(OfflineRules.COUNTER_NEAR_END);
        assertThat(OfflineRules.checkCounter(65_534)).isEmpty();
        assertThat(OfflineRules.checkCounter(0xFFFF)).contains(OfflineRules.COUNTER_AT_END);
        assertThat(OfflineRules.message(OfflineRules.COUNTER_AT_END).en()).contains("replace it at a service counter");
        assertThat(OfflineRules.message(OfflineRules.COUNTER_AT_END).zh()).contains("换卡");
    }

    @Test
    void dates_refuseBeforeTheStartAndAfterTheExpiry_theBoundsAreValid() {
        assertThat(OfflineRules.checkDates("20260101", "20361231", "20251231")).contains(OfflineRules.NOT_YET_VALID);
        assertThat(OfflineRules.checkDates("20260101", "20361231", "20260101")).isEmpty();
        assertThat(OfflineRules.checkDates("20260101", "20361231", "20361231")).isEmpty();
        assertThat(OfflineRules.checkDates("20260101", "20361231", "20370101")).contains(OfflineRules.EXPIRED);
    }

    @Test
    void amounts_perPurchaseAndPerDay() {
        OfflineRules r = new OfflineRules(1_000, 3_000, 65_000);
        assertThat(r.checkAmount(1_000, 0)).isEmpty();
        assertThat(r.checkAmount(1_001, 0)).contains(OfflineRules.ABOVE_PURCHASE_LIMIT);
        assertThat(r.checkAmount(1_000, 2_000)).isEmpty();
        assertThat(r.checkAmount(1, 3_000)).contains(OfflineRules.ABOVE_DAILY_LIMIT);
    }

    @Test
    void parameters_overrideTheDefaults_andABadValueNamesTheKey() {
        OfflineRules r = OfflineRules.of(Map.of(OfflineRules.P_PURCHASE_LIMIT, "500", "departments", "[]"));
        assertThat(r.purchaseLimit()).isEqualTo(500);
        assertThat(r.dailyLimit()).isEqualTo(rules.dailyLimit());
        assertThatThrownBy(() -> OfflineRules.of(Map.of(OfflineRules.P_DAILY_LIMIT, "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offlineDailyLimit")
                .hasMessageContaining("lots");
        assertThatThrownBy(() -> OfflineRules.of(Map.of(OfflineRules.P_PURCHASE_LIMIT, "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
