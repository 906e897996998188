package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The terminal-and-TAC step alone, with the server's real keys and reference data. */
class TacStepTest extends StepTestSupport {
    @Autowired
    TacStep step;

    @Test
    void aGenuineRecordFromARegisteredTerminal_goesOn() {
        BatchContext b = decoded(purchase(card(5_000, false), 100));

        assertThat(step.check(b, b.record(0))).isEqualTo(IngestStep.Next.CONTINUE);
        assertThat(b.entries()).isEmpty();
    }

    @Test
    void oneChangedTacBit_isTacInvalid() {
        byte[] r = purchase(card(5_000, false), 100);
        r[OfflineRecord.CODEC.offset("tac")] ^= 0x01;
        BatchContext b = decoded(r);

        assertThat(step.check(b, b.record(0))).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(onlyEntry(b).reason()).isEqualTo(QuarantineReason.TAC_INVALID);
        assertThat(onlyEntry(b).detail()).isEqualTo("TAC does not verify with the card's DTK");
    }

    @Test
    void aRaisedAmount_withTheTacKept_isTacInvalid() {
        byte[] r = purchase(card(5_000, false), 100);
        r[OfflineRecord.CODEC.offset("amount") + 3] = (byte) 200;
        BatchContext b = decoded(r);

        assertThat(step.check(b, b.record(0))).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(onlyEntry(b).reason()).isEqualTo(QuarantineReason.TAC_INVALID);
    }

    @Test
    void anotherKeyVersion_cannotBeVerified() {
        byte[] r = purchase(card(5_000, false), 100);
        r[OfflineRecord.CODEC.offset("key_version")] ^= 0x7F;
        BatchContext b = decoded(r);

        assertThat(step.check(b, b.record(0))).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(onlyEntry(b).detail()).startsWith("TAC cannot be verified: key version");
    }

    @Test
    void anUnregisteredTerminal_isUnknownTerminal_beforeAnyTacIsComputed() {
        HostCardModel card = card(5_000, false);
        String[] t = org.citycard.clearing.support.TestData.dateTime(0);
        byte[] r = card.purchase(100, "999999999901", 1, t[0], t[1], department, "");
        BatchContext b = decoded(r);

        assertThat(step.check(b, b.record(0))).isEqualTo(IngestStep.Next.DECIDED);

        assertThat(onlyEntry(b).reason()).isEqualTo(QuarantineReason.UNKNOWN_TERMINAL);
        assertThat(onlyEntry(b).detail()).isEqualTo("terminal 999999999901 is not registered");
    }
}
