package org.citycard.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.testing.TestIsoHost;
import org.junit.jupiter.api.Test;

class SimulationTest {
    @Test
    void cardsAndTaps_purchaseLoadWhenLowAndUploadEverything() throws Exception {
        try (TestIsoHost host = TestIsoHost.start()) {
            IsoConfig iso = new IsoConfig("127.0.0.1", host.port(), Duration.ofSeconds(1), Duration.ofSeconds(3));
            Simulation.Report r = Simulation.run(new Simulation.Config(
                    3,
                    30,
                    iso,
                    null,
                    org.citycard.dictionary.crypto.TerminalKey::demo,
                    null,
                    "123456789012",
                    "0201",
                    1_000,
                    300,
                    2_000,
                    "3188"));
            assertThat(r.errors()).as("%s", r.firstErrors()).isZero();
            assertThat(r.purchases() + r.loads()).isEqualTo(30);
            assertThat(r.loads()).isPositive();
            assertThat(r.uploaded()).isTrue();
            assertThat(host.storedRecords()).hasSize(r.purchases());
            assertThat(host.completedLoads()).hasSize(r.loads());
            assertThat(r.toJson()).contains("\"taps\":30");
        }
    }
}
