package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citycard.applet.CardFixture.DATE;
import static org.citycard.applet.CardFixture.TERMINAL_BCD;
import static org.citycard.applet.CardFixture.TIME;
import static org.citycard.applet.CardFixture.amount;
import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;

import org.citycard.applet.CardFixture.Load;
import org.citycard.dictionary.Dictionary;
import org.junit.jupiter.api.Test;

class LoadTest {
    private static final long MAX_BALANCE =
            Dictionary.standard().parameter("max_balance").asLong();

    @Test
    void load_goodPath_creditsAndMac1AndTacMatchTheHostCrypto() {
        CardFixture f = CardFixture.issuedWithBalance(1000);

        Load load = f.load(10000, true);

        assertThat(load.init().sw()).isEqualTo(0x9000);
        assertThat(load.init().data()).hasSize(16);
        assertThat(load.balanceBefore()).isEqualTo(amount(1000));
        assertThat(load.init().data(6, 8)).isEqualTo(h("0100"));
        assertThat(load.init().data(12, 16))
                .as("MAC1, verified by the host")
                .isEqualTo(f.crypto.loadMac1(load.seslk(), amount(1000), amount(10000), TERMINAL_BCD));
        assertThat(load.credit().sw()).isEqualTo(0x9000);
        assertThat(load.credit().data())
                .as("TAC")
                .isEqualTo(f.crypto.loadTac(
                        f.key("MTK"), amount(11000), load.onlineSeq(), amount(10000), TERMINAL_BCD, DATE, TIME));
        assertThat(f.balance()).isEqualTo(11000);
        Response log = f.card("00B201C400");
        assertThat(log.data())
                .isEqualTo(concat(load.onlineSeq(), new byte[3], amount(10000), h("02"), TERMINAL_BCD, DATE, TIME));
    }

    @Test
    void creditForLoad_whenMac2Wrong_refusesAndKeepsBalanceAndCounter() {
        CardFixture f = CardFixture.issuedWithBalance(1000);

        Load bad = f.load(500, false);

        assertThat(bad.credit().sw()).isEqualTo(0x9302);
        assertThat(f.balance()).isEqualTo(1000);
        Load good = f.load(500, true);
        assertThat(good.onlineSeq())
                .as("online seq unchanged by the refused load")
                .isEqualTo(bad.onlineSeq());
        assertThat(good.credit().sw()).isEqualTo(0x9000);
        assertThat(f.balance()).isEqualTo(1500);
    }

    @Test
    void initializeForLoad_aboveTheMaximumBalance_isRefusedBeforeAnyChange() {
        CardFixture f = CardFixture.issuedWithBalance(1000);
        f.selectPurse();
        Response before = f.card(apdu(0x80, 0x50, 0x00, 0x02, concat(new byte[] {1}, amount(1), TERMINAL_BCD), 16));

        Response refused = f.card(
                apdu(0x80, 0x50, 0x00, 0x02, concat(new byte[] {1}, amount(MAX_BALANCE - 999), TERMINAL_BCD), 16));

        assertThat(refused.sw()).isEqualTo(0x9401);
        assertThat(f.card(apdu(0x80, 0x52, 0x00, 0x00, concat(DATE, TIME, h("00000000")), 4))
                        .sw())
                .as("no load session")
                .isEqualTo(0x6985);
        assertThat(f.balance()).isEqualTo(1000);
        Response after = f.card(apdu(0x80, 0x50, 0x00, 0x02, concat(new byte[] {1}, amount(1), TERMINAL_BCD), 16));
        assertThat(after.data(4, 6)).isEqualTo(before.data(4, 6));
    }

    @Test
    void load_upToExactlyTheMaximumBalance_isAccepted() {
        CardFixture f = CardFixture.issuedWithBalance(1000);

        Load load = f.load(MAX_BALANCE - 1000, true);

        assertThat(load.credit().sw()).isEqualTo(0x9000);
        assertThat(f.balance()).isEqualTo(MAX_BALANCE);
        assertThat(f.load(1, true).init().sw()).isEqualTo(0x9401);
    }

    @Test
    void initializeForLoad_refusesZeroAmountsUnknownKeysAndShortData() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();

        assertThat(f.card(apdu(0x80, 0x50, 0x00, 0x02, concat(new byte[] {1}, amount(0), TERMINAL_BCD), 16))
                        .sw())
                .isEqualTo(0x6A80);
        assertThat(f.card(apdu(0x80, 0x50, 0x00, 0x02, concat(new byte[] {9}, amount(5), TERMINAL_BCD), 16))
                        .sw())
                .isEqualTo(0x9403);
        assertThat(f.card(apdu(0x80, 0x50, 0x00, 0x02, concat(new byte[] {1}, amount(5)), 16))
                        .sw())
                .isEqualTo(0x6700);
        assertThat(f.card(apdu(0x80, 0x52, 0x00, 0x00, concat(DATE, TIME), 4)).sw())
                .isEqualTo(0x6985);
    }

    @Test
    void creditForLoad_withAShortDataField_answers6700AndKeepsTheSession() {
        CardFixture f = CardFixture.issued();
        f.selectPurse();
        f.card(apdu(0x80, 0x50, 0x00, 0x02, concat(new byte[] {1}, amount(5), TERMINAL_BCD), 16));

        assertThat(f.card(apdu(0x80, 0x52, 0x00, 0x00, concat(DATE, TIME), 4)).sw())
                .isEqualTo(0x6700);
        assertThat(f.balance()).isZero();
    }
}
