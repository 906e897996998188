package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.junit.jupiter.api.Test;

/** The layout step alone: decoding, the money rules, block events. */
class LayoutStepTest extends StepTestSupport {
    final LayoutStep step = new LayoutStep();

    @Test
    void prepare_quarantinesAnUndecodableRecordMalformed_andDecodesTheOthers() {
        HostCardModel card = card(5_000, false);
        byte[] good = purchase(card, 100);
        byte[] bad = purchase(card, 200);
        bad[OfflineRecord.CODEC.offset("payee_reference")] = 0x01;

        BatchContext b = decoded(good, bad);

        assertThat(b.record(0).record().amount()).isEqualTo(100);
        assertThat(b.record(1).record()).isNull();
        QuarantineEntry e = onlyEntry(b);
        assertThat(e.reason()).isEqualTo(QuarantineReason.MALFORMED);
        assertThat(e.detail()).contains("payee_reference");
        assertThat(b.result(1)).isEqualTo(QuarantineReason.MALFORMED.code());
        assertThat(step.check(b, b.record(1))).isEqualTo(IngestStep.Next.DECIDED);
        assertThat(step.check(b, b.record(0))).isEqualTo(IngestStep.Next.CONTINUE);
        assertThat(b.asns).containsExactly(card.asn());
    }

    @Test
    void anAmountAboveTheBalanceBefore_isMalformed() {
        HostCardModel card = card(5_000, false);
        byte[] r = purchase(card, 100);
        System.arraycopy(Amounts.toBytes(5_001, 4), 0, r, OfflineRecord.CODEC.offset("amount"), 4);
        BatchContext b = decoded(r);

        assertThat(step.check(b, b.record(0))).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(onlyEntry(b).detail()).isEqualTo("amount 5001 fen is above the balance before 5000 fen");
        assertThat(b.result(0)).isEqualTo(QuarantineReason.MALFORMED.code());
    }

    @Test
    void aBlockEvent_isAnswered00_andKeptAsAnEventNotAPurchase() {
        HostCardModel card = card(5_000, false);
        byte[] r = purchase(card, 100);
        r[OfflineRecord.CODEC.offset("record_type")] = (byte) 0xA1;
        BatchContext b = decoded(r);

        assertThat(step.check(b, b.record(0))).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(b.result(0)).isEqualTo("00");
        assertThat(b.events).hasSize(1);
        assertThat(b.entries()).isEmpty();
        assertThat(b.accepted()).isEmpty();
    }

    @Test
    void anotherRecordType_isMalformed() {
        HostCardModel card = card(5_000, false);
        byte[] r = purchase(card, 100);
        r[OfflineRecord.CODEC.offset("record_type")] = 0x02;
        BatchContext b = decoded(r);

        assertThat(step.check(b, b.record(0))).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(onlyEntry(b).detail()).startsWith("record type 02 is not an offline purchase");
    }
}
