package org.citycard.system.city;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.citycard.agent.hotlist.HttpServerApi;
import org.citycard.agent.hotlist.ServerApi;
import org.citycard.system.TestDirs;
import org.citycard.system.city.CityLayout.TerminalSpec;
import org.citycard.system.city.CityTerminal.Kind;
import org.junit.jupiter.api.Test;

/**
 * The terminal parameters as the agent's own HTTP client fetches them from the server (MAC under the terminal's
 * TAK): on sign-on the agent stores the server's departments, which its kiosk page lists for bill payment.
 */
class TerminalParametersWireTest {
    @Test
    void signOn_storesTheServersDepartments_atTheAnnouncedVersion() throws Exception {
        try (City city = City.start(TestDirs.fresh("parameters"))) {
            CityTerminal kiosk =
                    city.terminal(new TerminalSpec("310102000401", Kind.KIOSK, CityLayout.CARD_CENTRE.code()));
            Map<String, String> stored = kiosk.journal().lists().parameters();
            JsonNode departments = new ObjectMapper().readTree(stored.get("departments"));
            assertThat(departments).hasSize(CityLayout.DEPARTMENTS.size());
            assertThat(departments.findValuesAsText("code"))
                    .containsExactlyInAnyOrderElementsOf(CityLayout.DEPARTMENTS.stream()
                            .map(CityLayout.Department::code)
                            .toList());
            assertThat(departments.findValuesAsText("zh")).contains("市自来水公司", "市第一人民医院");
            assertThat(departments.findValuesAsText("en")).contains("Water", "Hospital");
            assertThat(stored).containsEntry("terminalDepartment", "9901");
            // the offline limits, as the tap path's OfflineRules reads them from the stored parameters
            assertThat(stored)
                    .containsEntry("offlinePurchaseLimit", "20000")
                    .containsEntry("offlineDailyLimit", "50000")
                    .containsEntry("offlineCounterWarning", "65000");
            org.citycard.agent.purse.OfflineRules rules = org.citycard.agent.purse.OfflineRules.of(stored);
            assertThat(rules.purchaseLimit()).isEqualTo(20_000);
            assertThat(rules.dailyLimit()).isEqualTo(50_000);
            assertThat(Long.parseLong(kiosk.journal().lists().parameterVersion()))
                    .isPositive();

            // the kiosk's own working key, from its sign-on
            ServerApi api = new HttpServerApi(city.server().baseUrl(), Duration.ofSeconds(5))
                    .authenticatedAs(kiosk.terminalId(), kiosk.agent().host().keys(), () -> {});
            ServerApi.Parameters p = api.parameters(kiosk.terminalId());
            assertThat(p.version())
                    .isEqualTo(Long.parseLong(kiosk.journal().lists().parameterVersion()));
            var otherTmk = org.citycard.dictionary.crypto.TerminalKey.random(kiosk.terminalId());
            var wrong = new org.citycard.agent.iso.WorkingKeys(otherTmk);
            wrong.take(org.citycard.dictionary.record.WorkingKeyBlock.seal(otherTmk.tmk(), new byte[16]));
            ServerApi wrongKey = new HttpServerApi(city.server().baseUrl(), Duration.ofSeconds(5))
                    .authenticatedAs(kiosk.terminalId(), wrong, () -> {});
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrongKey.parameters(kiosk.terminalId()))
                    .hasMessageContaining("401");
        }
    }
}
