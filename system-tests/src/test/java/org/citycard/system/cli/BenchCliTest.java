package org.citycard.system.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.citycard.system.TestDirs;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The benchmark runner at tiny sizes: one report with every benchmark, each with its figure, its baseline from the
 * same run, the ratio, the target and whether it is met. Nothing here judges a time: benchmarks are measured by
 * {@code ./citycard bench}, never by timed tests.
 */
class BenchCliTest {
    @Test
    void benchAll_atTinySizes_writesOneReport_withABaselineAndATargetForEachFigure() throws Exception {
        Path out = TestDirs.fresh("bench").resolve("bench.json");
        int exit = new CommandLine(new BenchCli())
                .execute(
                        "--agent-purchases", "100",
                        "--ingest-records", "2000",
                        "--auth-per-terminal", "50",
                        "--dayclose-records", "3000",
                        "--issue-cards", "5",
                        "--out", out.toString());
        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        assertThat(report.path("machine").path("processors").asInt()).isPositive();
        assertThat(report.path("benchmarks").findValuesAsText("name"))
                .containsExactly("agent", "agent-sm4", "issue", "auth", "ingest", "ingest-sm4", "dayclose");
        for (JsonNode b : report.path("benchmarks")) {
            assertThat(b.has("error")).as("%s", b).isFalse();
            assertThat(b.path("figure").size()).as(b.path("name").asText()).isPositive();
            assertThat(b.path("baseline").path("what").asText()).isNotBlank();
            assertThat(b.path("ratio").size()).isPositive();
            assertThat(b.path("target").asText()).isNotBlank();
            assertThat(b.path("met").isBoolean()).isTrue();
        }
        assertThat(report.path("benchmarks").get(6).path("ratio").has("dayCloseToRawInserts"))
                .isTrue();
        // the SM4 figures stand beside the 3DES ones of the same run (DESIGN §7 v2)
        assertThat(report.path("benchmarks")
                        .get(1)
                        .path("ratio")
                        .path("sm4TapTo3desTap")
                        .asDouble())
                .isPositive();
        assertThat(report.path("benchmarks")
                        .get(5)
                        .path("ratio")
                        .path("sm4IngestTo3desIngest")
                        .asDouble())
                .isPositive();
        assertThat(report.path("benchmarks")
                        .get(3)
                        .path("baseline")
                        .path("roundTripsPerSecond")
                        .asDouble())
                .isPositive();
    }

    @Test
    void unknownBenchmark_isRefused() {
        assertThat(new CommandLine(new BenchCli()).execute("nonsense")).isEqualTo(2);
    }
}
