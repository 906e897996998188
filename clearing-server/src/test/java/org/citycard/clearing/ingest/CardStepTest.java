package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.wire.QuarantineReason;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The card step alone: the batch's chains loaded from the database, unknown cards kept out. */
class CardStepTest extends StepTestSupport {
    @Autowired
    CardStep step;

    @Test
    void prepare_loadsTheChainsOfTheRegisteredCards_only() {
        HostCardModel known = card(5_000, true);
        HostCardModel unknown = card(5_000, false);
        BatchContext b = decoded(purchase(known, 100), purchase(unknown, 100));

        step.prepare(b);

        assertThat(b.chains()).containsOnlyKeys(known.asn());
        assertThat(b.chains().get(known.asn()).nextOfflineSeq()).isZero();
    }

    @Test
    void aRegisteredCard_goesOnWithItsChain_anUnknownOneIsUnknownCard() {
        HostCardModel known = card(5_000, true);
        HostCardModel unknown = card(5_000, false);
        BatchContext b = decoded(purchase(known, 100), purchase(unknown, 100));
        step.prepare(b);

        assertThat(step.check(b, b.record(0))).isEqualTo(IngestStep.Next.CONTINUE);
        assertThat(b.record(0).chain()).isSameAs(b.chains().get(known.asn()));
        assertThat(step.check(b, b.record(1))).isEqualTo(IngestStep.Next.DECIDED);

        QuarantineEntry e = onlyEntry(b);
        assertThat(e.reason()).isEqualTo(QuarantineReason.UNKNOWN_CARD);
        assertThat(e.asn()).isEqualTo(unknown.asn());
        assertThat(b.result(1)).isEqualTo(QuarantineReason.UNKNOWN_CARD.code());
    }
}
