package org.citycard.issuance.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The benchmark runs and reports its figures (a small batch here; {@code -Dcitycard.issuance.bench.cards=1000} for the
 * real one). Timing is measured and printed, never asserted (DESIGN §7).
 */
class IssueBenchmarkTest {
    @Test
    void benchmark_printsItsFiguresAsJson() throws Exception {
        int cards = Integer.getInteger("citycard.issuance.bench.cards", 20);
        ObjectNode r = IssueBenchmark.run(cards, Integer.getInteger("citycard.issuance.bench.warmup", 5));
        System.out.println(r.toPrettyString());
        assertThat(r.get("cards").asInt()).isEqualTo(cards);
        assertThat(r.get("personalisation").get("apdusPerCard").asDouble()).isGreaterThan(40);
        assertThat(r.get("personalisation").get("hostMsPerCard").asDouble()).isPositive();
        assertThat(r.get("ratios").has("meetsTargets")).isTrue();
        assertThat(IssueBenchmark.citizenId(1)).isNotEqualTo(IssueBenchmark.citizenId(2));
    }
}
