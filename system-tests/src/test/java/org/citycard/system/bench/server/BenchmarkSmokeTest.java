package org.citycard.system.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The benchmarks run end to end at a tiny size and print well-formed JSON; no figure is asserted. */
class BenchmarkSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ingestBenchmark_ingestsEveryGeneratedRecord() throws Exception {
        JsonNode r = JSON.readTree(IngestBenchmark.run(400, null));
        assertThat(r.get("records").asInt()).isEqualTo(400);
        assertThat(r.get("accepted").asInt()).isEqualTo(400);
        assertThat(r.get("rawInsertPerSecond").asDouble()).isPositive();
        assertThat(r.get("ingestPerSecond").asDouble()).isPositive();
    }

    @Test
    void authBenchmark_reportsRateAndPercentiles() throws Exception {
        JsonNode r = JSON.readTree(AuthBenchmark.run(20, 2, null));
        assertThat(r.get("authorisations").asInt()).isEqualTo(40);
        assertThat(r.get("p99Ms").asDouble())
                .isGreaterThanOrEqualTo(r.get("p50Ms").asDouble());
    }

    @Test
    void dayCloseBenchmark_ingestsAndClosesTheDay_withSignedFilesPayingTheNet() throws Exception {
        JsonNode r = JSON.readTree(DayCloseBenchmark.run(600, 2, null));
        assertThat(r.get("accepted").asInt()).isEqualTo(600);
        assertThat(r.get("bankFiles").asInt()).isEqualTo(2);
        assertThat(r.get("signaturesVerify").asBoolean()).isTrue();
        assertThat(r.get("net").asLong() + r.get("fee").asLong())
                .isEqualTo(r.get("gross").asLong());
        assertThat(r.get("paidInFiles").asLong()).isEqualTo(r.get("net").asLong());
        assertThat(r.get("peakHeapMiB").asDouble()).isPositive();
    }
}
