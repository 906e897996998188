package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.clearing.testing.HostCardModel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The chain of steps: their order, and a record no step decides is accepted once, moving its card's chain. */
class IngestStepsTest extends StepTestSupport {
    @Autowired
    IngestSteps steps;

    @Test
    void theStepsRunInTheOrderOfTheChecks() {
        assertThat(steps.steps())
                .extracting(s -> s.getClass().getSimpleName())
                .containsExactly(
                        "LayoutStep", "TacStep", "CardStep", "DuplicateStep", "ChainStep", "HotlistDepartmentStep");
    }

    @Test
    void aRecordThatPassesEveryStep_isAccepted_andTheNextOneMeetsIt() {
        HostCardModel card = loadedCard(5_000);
        byte[] r = purchase(card, 100);
        BatchContext b = batch(r, r.clone(), purchase(card, 250));

        steps.run(b);

        assertThat(b.result(0) + b.result(1) + b.result(2)).isEqualTo("009400");
        assertThat(b.accepted()).extracting(a -> a.record().amount()).containsExactly(100L, 250L);
        // the informative per-record fee share at 30 bp: 0.3 → 0 and 0.75 → 1
        assertThat(b.accepted()).extracting(AcceptedPurchase::fee).containsExactly(0L, 1L);
        assertThat(b.chains().get(card.asn()).chainBalance()).isEqualTo(5_000 - 350);
    }
}
