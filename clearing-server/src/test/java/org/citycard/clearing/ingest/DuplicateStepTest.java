package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.wire.QuarantineReason;
import org.citycard.dictionary.wire.ResponseCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The duplicate step alone: used TTSNs and counters, within the batch and in the database, and held copies. */
class DuplicateStepTest extends StepTestSupport {
    @Autowired
    DuplicateStep step;

    /** The batch's first record accepted as the steps would, so that the later ones meet it. */
    static void acceptFirst(BatchContext b, CardChain chain) {
        RecordContext first = withChain(b, 0, chain);
        first.put(RecordKey.PLACEMENT, chain.place(first.record()));
        b.accept(first);
    }

    @Test
    void theSameRecordTwiceInABatch_isARepeat_answered94() {
        HostCardModel card = card(5_000, false);
        byte[] r = purchase(card, 100);
        BatchContext b = decoded(r, r.clone());
        CardChain chain = chain(card, 0, 5_000, null);
        acceptFirst(b, chain);

        assertThat(step.check(b, withChain(b, 1, chain))).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(b.result(1)).isEqualTo(ResponseCode.DUPLICATE.code());
        QuarantineEntry e = onlyEntry(b);
        assertThat(e.status()).isEqualTo(QuarantineEntry.REPEAT);
        assertThat(e.detail())
                .startsWith(
                        "identical to accepted purchase " + b.accepted().get(0).id());
    }

    @Test
    void anotherRecordOnAUsedTtsn_isAQ2Duplicate() {
        HostCardModel card = card(5_000, false);
        byte[] first = purchase(card, 100);
        ttsn--; // the next record reuses the TTSN
        byte[] second = purchase(card, 200);
        BatchContext b = decoded(first, second);
        CardChain chain = chain(card, 0, 5_000, null);
        acceptFirst(b, chain);

        assertThat(step.check(b, withChain(b, 1, chain))).isEqualTo(IngestStep.Next.DECIDED);

        QuarantineEntry e = onlyEntry(b);
        assertThat(e.reason()).isEqualTo(QuarantineReason.DUPLICATE);
        assertThat(e.status()).isEqualTo(QuarantineEntry.QUARANTINED);
        assertThat(e.detail()).contains("TTSN " + ttsn + " belongs to accepted purchase");
    }

    @Test
    void aCounterTheChainHasPassed_withNoPurchaseBehindIt_isAQ2Duplicate() {
        HostCardModel card = card(5_000, false);
        BatchContext b = decoded(purchase(card, 100));

        assertThat(step.check(b, withChain(b, 0, chain(card, 3, 5_000, null)))).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(onlyEntry(b).detail())
                .isEqualTo("offline seq 0 was used already; next expected 3 belongs to an earlier record already");
    }

    @Test
    void aFreshRecord_goesOnWithItsPlacement() {
        HostCardModel card = card(5_000, false);
        BatchContext b = decoded(purchase(card, 100));
        RecordContext rc = withChain(b, 0, chain(card, 0, 5_000, null));

        assertThat(step.check(b, rc)).isEqualTo(IngestStep.Next.CONTINUE);

        assertThat(rc.placement().fit()).isEqualTo(CardChain.Fit.FITS);
        assertThat(b.entries()).isEmpty();
    }

    @Test
    void aCopyOfARecordHeldInTheSameBatch_isARepeat_notHeldTwice() {
        HostCardModel card = card(5_000, false);
        purchase(card, 50); // seq 0 never arrives: seq 1 waits on a gap
        byte[] ahead = purchase(card, 100);
        BatchContext b = decoded(ahead, ahead.clone());
        CardChain chain = chain(card, 0, 5_000, null);
        RecordContext first = withChain(b, 0, chain);
        assertThat(step.check(b, first)).isEqualTo(IngestStep.Next.CONTINUE);
        new ChainStep().check(b, first); // held as a counter gap

        assertThat(step.check(b, withChain(b, 1, chain))).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(b.entries())
                .extracting(QuarantineEntry::reason, QuarantineEntry::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(QuarantineReason.COUNTER_GAP, QuarantineEntry.HELD),
                        org.assertj.core.groups.Tuple.tuple(QuarantineReason.DUPLICATE, QuarantineEntry.REPEAT));
        assertThat(chain.held()).isEqualTo(1);
    }
}
