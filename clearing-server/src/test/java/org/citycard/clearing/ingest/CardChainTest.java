package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.record.OfflineRecord;
import org.junit.jupiter.api.Test;

/** The balance chain across purchases (offline counter) and loads (online counter), without a database. */
class CardChainTest {
    static final String ASN = "31000000000000012345";
    final HostCardModel card = new HostCardModel(KeySet.demo(), ASN, 1_000, 0, 0);

    static CardChain chain(List<CardChain.LoadLink> loads) {
        return new CardChain(ASN, null, 0, 0, 0, -1, 0, 0, 0, 0, loads);
    }

    OfflineRecord next(long amount) {
        return OfflineRecord.decode(card.purchase(amount, "123456789012", 1, "20261121", "083015", "0101", ""));
    }

    @Test
    void aPurchase_followsTheLoadBeforeIt() {
        CardChain c = chain(List.of(new CardChain.LoadLink(0, 0, 1_000)));
        OfflineRecord r = next(400);

        CardChain.Placement p = c.place(r);
        assertThat(p.fit()).isEqualTo(CardChain.Fit.FITS);
        c.accept(r, p, 1);

        assertThat(c.chainBalance()).isEqualTo(600);
        assertThat(c.chainOnlineSeq()).isZero();
        assertThat(c.nextOfflineSeq()).isEqualTo(1);
        assertThat(c.pendingLoadCount()).isZero();
    }

    @Test
    void aCounterAhead_isAGap_andABalanceFromNowhere_aChainBreak() {
        CardChain c = chain(List.of());
        OfflineRecord first = next(100);
        OfflineRecord second = next(100);

        assertThat(c.place(second).fit()).isEqualTo(CardChain.Fit.GAP);
        assertThat(c.place(first).fit()).isEqualTo(CardChain.Fit.CHAIN_BREAK);
    }

    @Test
    void aLoadTakenAfterThePurchase_staysPending() {
        CardChain c = chain(List.of(new CardChain.LoadLink(0, 0, 1_000), new CardChain.LoadLink(1, 600, 500)));
        OfflineRecord r = next(400);

        c.accept(r, c.place(r), 2);

        assertThat(c.chainBalance()).isEqualTo(600);
        assertThat(c.pendingLoadCount()).isEqualTo(1);
        OfflineRecord after = next(100);
        assertThat(after.balanceBefore()).isEqualTo(600);
    }

    @Test
    void aUsedCounter_isReported() {
        CardChain c = chain(List.of(new CardChain.LoadLink(0, 0, 1_000)));
        OfflineRecord r = next(10);
        c.accept(r, c.place(r), 2);

        assertThat(c.place(r).fit()).isEqualTo(CardChain.Fit.SEQ_USED);
    }
}
