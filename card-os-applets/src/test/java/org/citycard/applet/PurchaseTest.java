package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citycard.applet.CardFixture.ASN;
import static org.citycard.applet.CardFixture.DATE;
import static org.citycard.applet.CardFixture.TERMINAL_BCD;
import static org.citycard.applet.CardFixture.TIME;
import static org.citycard.applet.CardFixture.amount;
import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;

import org.citycard.applet.CardFixture.Purchase;
import org.citycard.dictionary.codec.Amounts;
import org.junit.jupiter.api.Test;

class PurchaseTest {
    @Test
    void purchase_goodPath_debitsAndEveryMacMatchesTheHostCrypto() {
        CardFixture f = CardFixture.issuedWithBalance(1000);

        Purchase p = f.purchase(400);

        assertThat(p.init().sw()).isEqualTo(0x9000);
        assertThat(p.init().data()).hasSize(15);
        assertThat(p.init().data(0, 4)).isEqualTo(amount(1000)); // balance before
        assertThat(p.init().data(6, 9)).isEqualTo(new byte[3]); // no overdraft
        assertThat(p.init().data(9, 11)).isEqualTo(h("0100")); // key version 01, 3DES
        assertThat(p.samInit().data(4, 8))
                .as("the PSAM's MAC1")
                .isEqualTo(f.crypto.purchaseMac1(p.sespk(), amount(400), (byte) 0x06, TERMINAL_BCD, DATE, TIME));
        assertThat(p.debit().sw()).isEqualTo(0x9000);
        assertThat(p.debit().data(4, 8)).as("MAC2").isEqualTo(f.crypto.purchaseMac2(p.sespk(), amount(400)));
        assertThat(p.debit().data(0, 4))
                .as("TAC")
                .isEqualTo(f.crypto.purchaseTac(
                        f.key("MTK"), amount(400), (byte) 0x06, TERMINAL_BCD, p.ttsn(), DATE, TIME));
        assertThat(p.samCredit().sw()).as("the PSAM accepts MAC2").isEqualTo(0x9000);
        assertThat(f.balance()).isEqualTo(600);
    }

    @Test
    void purchase_incrementsTheOfflineCounterAndLogsTheRecord() {
        CardFixture f = CardFixture.issuedWithBalance(1000);

        Purchase first = f.purchase(100);
        Purchase second = f.purchase(200);

        assertThat(Amounts.fromBytes(second.offlineSeq(), 0, 2))
                .isEqualTo(Amounts.fromBytes(first.offlineSeq(), 0, 2) + 1);
        Response newest = f.card("00B201C400");
        assertThat(newest.sw()).isEqualTo(0x9000);
        assertThat(newest.data())
                .isEqualTo(concat(
                        second.offlineSeq(), new byte[3], amount(200), new byte[] {6}, TERMINAL_BCD, DATE, TIME));
        assertThat(f.card("00B202C400").data(5, 9)).isEqualTo(amount(100));
        assertThat(f.card("00B203C400").data(9, 10)).as("the load before").isEqualTo(h("02"));
        assertThat(f.card("00B204C400").sw()).isEqualTo(0x6A83);
    }

    @Test
    void debit_whenMac1Wrong_refusesAndKeepsBalanceAndCounters() {
        CardFixture f = CardFixture.issuedWithBalance(1000);
        f.selectPurse();
        Response init = f.card(apdu(0x80, 0x50, 0x01, 0x02, concat(new byte[] {1}, amount(400), TERMINAL_BCD), 0x0F));

        Response debit = f.card(apdu(0x80, 0x54, 0x01, 0x00, concat(h("00000001"), DATE, TIME, h("01020304")), 8));

        assertThat(debit.sw()).isEqualTo(0x9302);
        assertThat(f.balance()).isEqualTo(1000);
        Response again = f.card(apdu(0x80, 0x50, 0x01, 0x02, concat(new byte[] {1}, amount(400), TERMINAL_BCD), 0x0F));
        assertThat(again.data(4, 6)).as("offline seq unchanged").isEqualTo(init.data(4, 6));
        assertThat(f.card("00B201C400").data(9, 10)).as("no purchase logged").isEqualTo(h("02"));
        assertThat(f.card(apdu(0x80, 0x54, 0x01, 0x00, concat(h("00000001"), DATE, TIME, h("01020304")), 8))
                        .sw())
                .isEqualTo(0x9302);
        assertThat(f.card(apdu(0x80, 0x54, 0x01, 0x00, concat(h("00000001"), DATE, TIME, h("01020304")), 8))
                        .sw())
                .as("the session ended with the wrong MAC1")
                .isEqualTo(0x6985);
    }

    @Test
    void creditSam_withAWrongMac2_answers9302AndChecksOnlyOnce() {
        CardFixture f = CardFixture.issuedWithBalance(1000);
        f.selectPsam();
        byte[] samData = concat(
                h("11223344"),
                h("0001"),
                amount(100),
                h("06"),
                DATE,
                TIME,
                h("0100"),
                org.citycard.dictionary.crypto.CardCrypto.asnDiversifier(ASN),
                org.citycard.applet.sim.PsamProfile.demoIssuerId());
        assertThat(f.psam(apdu(0x80, 0x70, 0, 0, samData, 8)).sw()).isEqualTo(0x9000);

        assertThat(f.psam("8072000004 00000000").sw()).isEqualTo(0x9302);
        assertThat(f.psam("8072000004 00000000").sw())
                .as("MAC2 is checked once")
                .isEqualTo(0x6985);
    }

    @Test
    void compoundPurchase_writesTheDepartmentRecordWithTheDebit_andMacsUseType09() {
        CardFixture f = CardFixture.issuedWithBalance(5000);
        byte[] record = new byte[32];
        record[0] = 0x02; // water, card record 2
        record[1] = 0x01;
        System.arraycopy(h("0003"), 0, record, 2, 2);
        System.arraycopy(amount(1234), 0, record, 4, 4);

        Purchase p = f.purchase(1234, CardConstants.TX_COMPOUND_PURCHASE, record, 2);

        assertThat(p.debit().sw()).isEqualTo(0x9000);
        assertThat(p.samInit().data(4, 8))
                .isEqualTo(f.crypto.purchaseMac1(p.sespk(), amount(1234), (byte) 0x09, TERMINAL_BCD, DATE, TIME));
        assertThat(p.debit().data(4, 8)).isEqualTo(f.crypto.purchaseMac2(p.sespk(), amount(1234)));
        assertThat(p.debit().data(0, 4))
                .isEqualTo(f.crypto.purchaseTac(
                        f.key("MTK"), amount(1234), (byte) 0x09, TERMINAL_BCD, p.ttsn(), DATE, TIME));
        assertThat(p.samCredit().sw()).isEqualTo(0x9000);
        f.selectPurse();
        assertThat(f.card("00B202BC00").data()).isEqualTo(record);
        assertThat(f.card("00B201C400").data(9, 10)).isEqualTo(h("09"));
        assertThat(f.balance()).isEqualTo(5000 - 1234);
    }

    @Test
    void compoundPurchase_whenMac1Wrong_leavesTheDepartmentRecordUnchanged() {
        CardFixture f = CardFixture.issuedWithBalance(5000);
        f.selectPurse();
        byte[] before = f.card("00B201BC00").data();
        f.card(apdu(0x80, 0x50, 0x03, 0x02, concat(new byte[] {1}, amount(10), TERMINAL_BCD), 0x0F));
        byte[] record = before.clone();
        record[1] = 0x7F;
        assertThat(f.card(apdu(0x80, 0xDC, 0x01, 0xBC, record, -1)).sw()).isEqualTo(0x9000);

        assertThat(f.card(apdu(0x80, 0x54, 0x01, 0x00, concat(h("00000001"), DATE, TIME, h("00000000")), 8))
                        .sw())
                .isEqualTo(0x9302);

        assertThat(f.card("00B201BC00").data()).isEqualTo(before);
        assertThat(f.balance()).isEqualTo(5000);
    }

    @Test
    void updateCappDataCache_refusesAnotherCategoryAndPlainPurchases() {
        CardFixture f = CardFixture.issuedWithBalance(5000);
        f.selectPurse();
        byte[] record = new byte[32];
        record[0] = 0x05; // hospital belongs to record 3, not 2

        assertThat(f.card(apdu(0x80, 0xDC, 0x02, 0xBC, record, -1)).sw())
                .as("no compound session")
                .isEqualTo(0x6985);
        f.card(apdu(0x80, 0x50, 0x03, 0x02, concat(new byte[] {1}, amount(10), TERMINAL_BCD), 0x0F));
        assertThat(f.card(apdu(0x80, 0xDC, 0x02, 0xBC, record, -1)).sw()).isEqualTo(0x6A80);
        record[0] = 0x03; // power: record 2, but record 2 was personalised as water
        assertThat(f.card(apdu(0x80, 0xDC, 0x02, 0xBC, record, -1)).sw()).isEqualTo(0x6A80);
        assertThat(f.card(apdu(0x80, 0xDC, 0x07, 0xBC, record, -1)).sw()).isEqualTo(0x6A83);
        assertThat(f.card(apdu(0x80, 0xDC, 0x02, 0xB4, record, -1)).sw()).isEqualTo(0x6B00);
        assertThat(f.card(apdu(0x80, 0xDC, 0x02, 0xBC, new byte[31], -1)).sw()).isEqualTo(0x6700);
    }

    @Test
    void initializeForPurchase_refusesWithTheStatusWordOfEachProblem() {
        CardFixture f = CardFixture.issuedWithBalance(100);
        f.selectPurse();

        assertThat(f.card(apdu(0x80, 0x50, 0x01, 0x02, concat(new byte[] {1}, amount(101), TERMINAL_BCD), 15))
                        .sw())
                .as("above the balance")
                .isEqualTo(0x9401);
        assertThat(f.card(apdu(0x80, 0x50, 0x01, 0x02, concat(new byte[] {2}, amount(1), TERMINAL_BCD), 15))
                        .sw())
                .as("unknown key index")
                .isEqualTo(0x9403);
        assertThat(f.card(apdu(0x80, 0x50, 0x01, 0x02, concat(new byte[] {1}, amount(0), TERMINAL_BCD), 15))
                        .sw())
                .as("zero amount")
                .isEqualTo(0x6A80);
        assertThat(f.card(apdu(0x80, 0x50, 0x01, 0x02, concat(new byte[] {1}, amount(1)), 15))
                        .sw())
                .isEqualTo(0x6700);
        assertThat(f.card(apdu(0x80, 0x50, 0x02, 0x02, concat(new byte[] {1}, amount(1), TERMINAL_BCD), 15))
                        .sw())
                .isEqualTo(0x6B00);
        assertThat(f.card(apdu(0x00, 0x50, 0x01, 0x02, concat(new byte[] {1}, amount(1), TERMINAL_BCD), 15))
                        .sw())
                .isEqualTo(0x6E00);
        assertThat(f.balance()).isEqualTo(100);
    }

    @Test
    void getTransactionProve_answersTheProofOfALostDebit_andNothingElse() {
        CardFixture f = CardFixture.issuedWithBalance(1000);
        Purchase p = f.purchase(300);
        f.card.reset(); // the terminal lost the answer and the card was taken away
        f.selectPurse();

        Response prove = f.card(apdu(0x80, 0x5A, 0x00, 0x06, p.offlineSeq(), 8));

        assertThat(prove.sw()).isEqualTo(0x9000);
        assertThat(prove.data(0, 4)).isEqualTo(p.debit().data(4, 8)); // MAC2
        assertThat(prove.data(4, 8)).isEqualTo(p.debit().data(0, 4)); // TAC
        assertThat(f.card(apdu(0x80, 0x5A, 0x00, 0x09, p.offlineSeq(), 8)).sw())
                .as("other type")
                .isEqualTo(0x9406);
        byte[] next = p.offlineSeq().clone();
        next[1]++;
        assertThat(f.card(apdu(0x80, 0x5A, 0x00, 0x06, next, 8)).sw())
                .as("seq never used")
                .isEqualTo(0x9406);
        assertThat(f.card(apdu(0x80, 0x5A, 0x00, 0x05, p.offlineSeq(), 8)).sw()).isEqualTo(0x6B00);
        assertThat(f.card(apdu(0x80, 0x5A, 0x00, 0x06, h("000000"), 8)).sw()).isEqualTo(0x6700);
        assertThat(f.balance()).as("debited once").isEqualTo(700);
    }

    @Test
    void getTransactionProve_ofALoad_answersTheHostMac2AndTheCardTac() {
        CardFixture f = CardFixture.issued();
        CardFixture.Load load = f.load(2500, true);

        Response prove = f.card(apdu(0x80, 0x5A, 0x00, 0x02, load.onlineSeq(), 8));

        assertThat(prove.sw()).isEqualTo(0x9000);
        assertThat(prove.data(0, 4)).isEqualTo(f.crypto.loadMac2(load.seslk(), amount(2500), TERMINAL_BCD, DATE, TIME));
        assertThat(prove.data(4, 8)).isEqualTo(load.credit().data());
    }
}
