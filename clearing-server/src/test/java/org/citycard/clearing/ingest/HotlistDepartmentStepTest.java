package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.wire.QuarantineReason;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The hotlist-and-department step alone. */
class HotlistDepartmentStepTest extends StepTestSupport {
    @Autowired
    HotlistDepartmentStep step;

    @Test
    void aRecordMadeAfterTheCardWasHotlisted_isHotlisted() {
        HostCardModel card = card(5_000, false);
        BatchContext b = decoded(purchase(card, 100));
        RecordContext rc = withChain(b, 0, chain(card, 0, 5_000, Instant.now().minus(Duration.ofHours(1))));

        assertThat(step.check(b, rc)).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(onlyEntry(b).reason()).isEqualTo(QuarantineReason.HOTLISTED);
    }

    @Test
    void aRecordMadeBeforeTheHotlisting_stillCounts() {
        HostCardModel card = card(5_000, false);
        BatchContext b = decoded(purchase(card, 100));
        RecordContext rc = withChain(b, 0, chain(card, 0, 5_000, Instant.now().plus(Duration.ofHours(1))));

        assertThat(step.check(b, rc)).isEqualTo(IngestStep.Next.CONTINUE);
        assertThat(b.entries()).isEmpty();
    }

    @Test
    void anUnregisteredDepartment_isUnknownDepartment() {
        HostCardModel card = card(5_000, false);
        String[] t = TestData.dateTime(0);
        BatchContext b = decoded(card.purchase(100, terminal, ++ttsn, t[0], t[1], "9998", ""));
        RecordContext rc = withChain(b, 0, chain(card, 0, 5_000, null));

        assertThat(step.check(b, rc)).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(onlyEntry(b).detail()).isEqualTo("department 9998 is not registered");
    }
}
