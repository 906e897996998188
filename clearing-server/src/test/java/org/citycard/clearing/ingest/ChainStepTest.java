package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.wire.QuarantineReason;
import org.junit.jupiter.api.Test;

/** The chain step alone: gaps and chain breaks are held, a fitting record goes on. */
class ChainStepTest extends StepTestSupport {
    final ChainStep step = new ChainStep();

    static RecordContext placed(BatchContext b, CardChain chain) {
        RecordContext rc = withChain(b, 0, chain);
        return rc.put(RecordKey.PLACEMENT, chain.place(rc.record()));
    }

    @Test
    void aCounterAhead_isHeldAsACounterGap() {
        HostCardModel card = card(5_000, false);
        purchase(card, 10);
        BatchContext b = decoded(purchase(card, 100)); // seq 1, the chain expects 0
        CardChain chain = chain(card, 0, 5_000, null);

        assertThat(step.check(b, placed(b, chain))).isEqualTo(IngestStep.Next.DECIDED);

        QuarantineEntry e = onlyEntry(b);
        assertThat(e.reason()).isEqualTo(QuarantineReason.COUNTER_GAP);
        assertThat(e.status()).isEqualTo(QuarantineEntry.HELD);
        assertThat(e.detail()).isEqualTo("offline seq 1 but next expected 0: 1 record(s) missing");
        assertThat(chain.held()).isEqualTo(1);
    }

    @Test
    void aBalanceFromNowhere_isHeldAsABalanceChainBreak() {
        HostCardModel card = card(5_000, false);
        BatchContext b = decoded(purchase(card, 100)); // balance before 5,000; the chain stands at 4,000
        CardChain chain = chain(card, 0, 4_000, null);

        assertThat(step.check(b, placed(b, chain))).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(onlyEntry(b).reason()).isEqualTo(QuarantineReason.BALANCE_CHAIN);
        assertThat(b.result(0)).isEqualTo(QuarantineReason.BALANCE_CHAIN.code());
        assertThat(chain.held()).isEqualTo(1);
    }

    @Test
    void aFittingRecord_goesOn_andTheChainIsNotMovedYet() {
        HostCardModel card = card(5_000, false);
        BatchContext b = decoded(purchase(card, 100));
        CardChain chain = chain(card, 0, 5_000, null);

        assertThat(step.check(b, placed(b, chain))).isEqualTo(IngestStep.Next.CONTINUE);

        assertThat(b.entries()).isEmpty();
        assertThat(chain.chainBalance()).isEqualTo(5_000);
        assertThat(chain.held()).isZero();
    }
}
