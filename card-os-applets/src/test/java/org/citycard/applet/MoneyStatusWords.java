package org.citycard.applet;

import static org.citycard.applet.CardFixture.amount;
import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;
import static org.citycard.applet.StatusWordScenarios.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.citycard.applet.StatusWordScenarios.Scenario;

/** Status-word scenarios of the purse money commands (INITIALIZE, CAPP cache, DEBIT, CREDIT, GET BALANCE, PROVE). */
final class MoneyStatusWords {
    private MoneyStatusWords() {}

    static List<Scenario> scenarios() {
        List<Scenario> l = new ArrayList<>();
        // INITIALIZE FOR PURCHASE / CAPP PURCHASE
        for (String id : List.of("initialize_for_purchase", "initialize_for_compound_purchase")) {
            int p1 = id.equals("initialize_for_purchase") ? 0x01 : 0x03;
            l.add(s(id, 0x9000, "10 fen", StatusWordScenarios::purse, f -> f.card(apdu(0x80, 0x50, p1, 2, INIT, 15))));
            l.add(s(
                    id,
                    0x9401,
                    "above the balance",
                    StatusWordScenarios::purse,
                    f -> f.card(apdu(0x80, 0x50, p1, 2, concat(h("01"), amount(1001), CardFixture.TERMINAL_BCD), 15))));
            l.add(s(
                    id,
                    0x9403,
                    "key index 02",
                    StatusWordScenarios::purse,
                    f -> f.card(apdu(0x80, 0x50, p1, 2, concat(h("02"), amount(10), CardFixture.TERMINAL_BCD), 15))));
            l.add(s(
                    id,
                    0x6985,
                    "before issuance",
                    StatusWordScenarios::blankPurse,
                    f -> f.card(apdu(0x80, 0x50, p1, 2, INIT, 15))));
            l.add(s(
                    id,
                    0x6700,
                    "10 data bytes",
                    StatusWordScenarios::purse,
                    f -> f.card(apdu(0x80, 0x50, p1, 2, Arrays.copyOf(INIT, 10), 15))));
            l.add(s(
                    id,
                    0x6A80,
                    "zero amount",
                    StatusWordScenarios::purse,
                    f -> f.card(apdu(0x80, 0x50, p1, 2, concat(h("01"), amount(0), CardFixture.TERMINAL_BCD), 15))));
        }
        // UPDATE CAPP DATA CACHE
        l.add(s(
                "update_capp_data_cache",
                0x9000,
                "transit record",
                () -> inPurchase(3),
                f -> f.card(apdu(0x80, 0xDC, 1, 0xBC, cappRecord(1), -1))));
        l.add(s(
                "update_capp_data_cache",
                0x6985,
                "in a plain purchase",
                () -> inPurchase(1),
                f -> f.card(apdu(0x80, 0xDC, 1, 0xBC, cappRecord(1), -1))));
        l.add(s(
                "update_capp_data_cache",
                0x6A83,
                "record 7",
                () -> inPurchase(3),
                f -> f.card(apdu(0x80, 0xDC, 7, 0xBC, cappRecord(1), -1))));
        l.add(s(
                "update_capp_data_cache",
                0x6A80,
                "another category",
                () -> inPurchase(3),
                f -> f.card(apdu(0x80, 0xDC, 1, 0xBC, cappRecord(5), -1))));
        l.add(s(
                "update_capp_data_cache",
                0x6700,
                "31 bytes",
                () -> inPurchase(3),
                f -> f.card(apdu(0x80, 0xDC, 1, 0xBC, new byte[31], -1))));
        l.add(s(
                "update_capp_data_cache",
                0x6B00,
                "P2 B4",
                () -> inPurchase(3),
                f -> f.card(apdu(0x80, 0xDC, 1, 0xB4, cappRecord(1), -1))));
        // DEBIT FOR PURCHASE
        l.add(s("debit_for_purchase", 0x9000, "after MAC1 of the PSAM", StatusWordScenarios::issued, f -> f.purchase(10)
                .debit()));
        l.add(s(
                "debit_for_purchase",
                0x9302,
                "a wrong MAC1",
                () -> inPurchase(1),
                f -> f.card(apdu(
                        0x80,
                        0x54,
                        1,
                        0,
                        concat(h("00000001"), CardFixture.DATE, CardFixture.TIME, h("00000000")),
                        8))));
        l.add(s(
                "debit_for_purchase",
                0x6985,
                "without INITIALIZE",
                StatusWordScenarios::purse,
                f -> f.card(apdu(0x80, 0x54, 1, 0, new byte[15], 8))));
        l.add(s(
                "debit_for_purchase",
                0x6700,
                "14 data bytes",
                () -> inPurchase(1),
                f -> f.card(apdu(0x80, 0x54, 1, 0, new byte[14], 8))));
        // INITIALIZE FOR LOAD
        l.add(s(
                "initialize_for_load",
                0x9000,
                "10 fen",
                StatusWordScenarios::purse,
                f -> f.card(apdu(0x80, 0x50, 0, 2, INIT, 16))));
        l.add(s(
                "initialize_for_load",
                0x9401,
                "above the maximum balance",
                StatusWordScenarios::purse,
                f -> f.card(apdu(
                        0x80,
                        0x50,
                        0,
                        2,
                        concat(h("01"), amount(DICT.parameter("max_balance").asLong()), CardFixture.TERMINAL_BCD),
                        16))));
        l.add(s(
                "initialize_for_load",
                0x9403,
                "key index 02",
                StatusWordScenarios::purse,
                f -> f.card(apdu(0x80, 0x50, 0, 2, concat(h("02"), amount(10), CardFixture.TERMINAL_BCD), 16))));
        l.add(s(
                "initialize_for_load",
                0x6985,
                "before issuance",
                StatusWordScenarios::blankPurse,
                f -> f.card(apdu(0x80, 0x50, 0, 2, INIT, 16))));
        l.add(s(
                "initialize_for_load",
                0x6700,
                "10 data bytes",
                StatusWordScenarios::purse,
                f -> f.card(apdu(0x80, 0x50, 0, 2, Arrays.copyOf(INIT, 10), 16))));
        l.add(s(
                "initialize_for_load",
                0x6A80,
                "zero amount",
                StatusWordScenarios::purse,
                f -> f.card(apdu(0x80, 0x50, 0, 2, concat(h("01"), amount(0), CardFixture.TERMINAL_BCD), 16))));
        // CREDIT FOR LOAD
        l.add(s("credit_for_load", 0x9000, "with the host's MAC2", StatusWordScenarios::issued, f -> f.load(10, true)
                .credit()));
        l.add(s("credit_for_load", 0x9302, "a wrong MAC2", StatusWordScenarios::issued, f -> f.load(10, false)
                .credit()));
        l.add(s(
                "credit_for_load",
                0x6985,
                "without INITIALIZE",
                StatusWordScenarios::purse,
                f -> f.card(apdu(0x80, 0x52, 0, 0, new byte[11], 4))));
        l.add(s(
                "credit_for_load",
                0x6700,
                "10 data bytes",
                StatusWordScenarios::inLoad,
                f -> f.card(apdu(0x80, 0x52, 0, 0, new byte[10], 4))));
        // GET BALANCE
        l.add(s("get_balance", 0x9000, "issued", StatusWordScenarios::purse, f -> f.card("805C000204")));
        l.add(s("get_balance", 0x6985, "before issuance", StatusWordScenarios::blankPurse, f -> f.card("805C000204")));
        l.add(s("get_balance", 0x6B00, "P2 01", StatusWordScenarios::purse, f -> f.card("805C000104")));
        // GET TRANSACTION PROVE
        l.add(s(
                "get_transaction_prove",
                0x9000,
                "the last load",
                StatusWordScenarios::purse,
                f -> f.card("805A000202 0000 08")));
        l.add(s(
                "get_transaction_prove",
                0x9406,
                "a counter never used",
                StatusWordScenarios::purse,
                f -> f.card("805A000202 0009 08")));
        l.add(s(
                "get_transaction_prove",
                0x6985,
                "before issuance",
                StatusWordScenarios::blankPurse,
                f -> f.card("805A000602 0000 08")));
        l.add(s(
                "get_transaction_prove",
                0x6700,
                "3 data bytes",
                StatusWordScenarios::purse,
                f -> f.card("805A000203 000000 08")));
        l.add(s(
                "get_transaction_prove",
                0x6B00,
                "type 05",
                StatusWordScenarios::purse,
                f -> f.card("805A000502 0000 08")));
        return l;
    }
}
