package org.citycard.applet;

import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;
import static org.citycard.applet.StatusWordScenarios.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.citycard.applet.StatusWordScenarios.Scenario;

/** Status-word scenarios of SELECT and the file commands (READ, UPDATE, APPEND). */
final class FileStatusWords {
    private FileStatusWords() {}

    static List<Scenario> scenarios() {
        List<Scenario> l = new ArrayList<>();
        // SELECT
        l.add(s("select", 0x9000, "the purse", StatusWordScenarios::issued, CardFixture::selectPurse));
        l.add(s("select", 0x6283, "a blocked purse", StatusWordScenarios::blockedPurse, CardFixture::selectPurse));
        l.add(s("select", 0x6A81, "a blocked card", StatusWordScenarios::purse, f -> {
            sm(f, 0x84, 0x16, 0, 0, new byte[0]);
            return f.selectSsse();
        }));
        l.add(s(
                "select",
                0x6A82,
                "an AID the card does not have",
                StatusWordScenarios::purse,
                f -> f.card("00A4040008 F0434345503031FF00")));
        // SELECT FILE
        l.add(s("select_file", 0x9000, "EF05", StatusWordScenarios::ssse, f -> f.card("00A4020002EF05")));
        l.add(s("select_file", 0x6A82, "EF09", StatusWordScenarios::ssse, f -> f.card("00A4020002EF09")));
        l.add(s("select_file", 0x6700, "a 1-byte FID", StatusWordScenarios::ssse, f -> f.card("00A4020001EF")));
        l.add(s(
                "select_file",
                0x6985,
                "in a blocked purse",
                StatusWordScenarios::blockedPurse,
                f -> f.card("00A4020002EF05")));
        // READ BINARY
        l.add(s("read_binary", 0x9000, "SFI 15", StatusWordScenarios::purse, f -> f.card("00B0950000")));
        l.add(s("read_binary", 0x6982, "SFI 16 without PIN", StatusWordScenarios::purse, f -> f.card("00B0960000")));
        l.add(s("read_binary", 0x6A82, "SFI 19", StatusWordScenarios::purse, f -> f.card("00B0990000")));
        l.add(s("read_binary", 0x6B00, "offset past the end", StatusWordScenarios::purse, f -> f.card("00B0951E00")));
        l.add(s("read_binary", 0x6700, "with a data field", StatusWordScenarios::purse, f -> f.card("00B0950001 00")));
        l.add(s("read_binary", 0x6985, "of a record file", StatusWordScenarios::purse, f -> f.card("00B0980000")));
        // READ RECORD
        l.add(s("read_record", 0x9000, "card number", StatusWordScenarios::ssse, f -> f.card("00B2072C00")));
        l.add(s("read_record", 0x6982, "SSN without PIN", StatusWordScenarios::ssse, f -> f.card("00B2083400")));
        l.add(s("read_record", 0x6A82, "SFI 9", StatusWordScenarios::ssse, f -> f.card("00B2014C00")));
        l.add(s("read_record", 0x6A83, "record 15 of EF05", StatusWordScenarios::ssse, f -> f.card("00B2152C00")));
        l.add(s("read_record", 0x6B00, "P2 mode 3", StatusWordScenarios::ssse, f -> f.card("00B2072B00")));
        l.add(s(
                "read_record",
                0x6700,
                "Le shorter than the record",
                StatusWordScenarios::ssse,
                f -> f.card("00B2072C01")));
        l.add(s("read_record", 0x6985, "of a binary file", StatusWordScenarios::purse, f -> f.card("00B201AC00")));
        // UPDATE BINARY (personalisation)
        l.add(s(
                "update_binary",
                0x9000,
                "SFI 15",
                StatusWordScenarios::blankPurseAuthenticated,
                f -> f.card("00D6950001 00")));
        l.add(s(
                "update_binary",
                0x6982,
                "before EXTERNAL AUTHENTICATE",
                StatusWordScenarios::blankPurse,
                f -> f.card("00D6950001 00")));
        l.add(s("update_binary", 0x6985, "after issuance", StatusWordScenarios::purse, f -> f.card("00D6950001 00")));
        l.add(s(
                "update_binary",
                0x6A82,
                "SFI 19",
                StatusWordScenarios::blankPurseAuthenticated,
                f -> f.card("00D6990001 00")));
        l.add(s(
                "update_binary",
                0x6B00,
                "P1 with reserved bits",
                StatusWordScenarios::blankPurseAuthenticated,
                f -> f.card("00D6F50001 00")));
        l.add(s(
                "update_binary",
                0x6700,
                "past the end",
                StatusWordScenarios::blankPurseAuthenticated,
                f -> f.card("00D6951D02 0000")));
        // UPDATE RECORD (personalisation)
        l.add(s(
                "update_record",
                0x9000,
                "card number",
                StatusWordScenarios::blankSsseAuthenticated,
                f -> f.card(apdu(0, 0xDC, 7, 0x2C, NUMBER_RECORD, -1))));
        l.add(s(
                "update_record",
                0x6982,
                "before EXTERNAL AUTHENTICATE",
                StatusWordScenarios::blankSsse,
                f -> f.card(apdu(0, 0xDC, 7, 0x2C, NUMBER_RECORD, -1))));
        l.add(s(
                "update_record",
                0x6985,
                "after issuance",
                StatusWordScenarios::ssse,
                f -> f.card(apdu(0, 0xDC, 7, 0x2C, NUMBER_RECORD, -1))));
        l.add(s(
                "update_record",
                0x6A82,
                "SFI 9",
                StatusWordScenarios::blankSsseAuthenticated,
                f -> f.card(apdu(0, 0xDC, 7, 0x4C, NUMBER_RECORD, -1))));
        l.add(s(
                "update_record",
                0x6A83,
                "record 20 of EF05",
                StatusWordScenarios::blankSsseAuthenticated,
                f -> f.card(apdu(0, 0xDC, 0x20, 0x2C, NUMBER_RECORD, -1))));
        l.add(s(
                "update_record",
                0x6A80,
                "tag 08 in record 07",
                StatusWordScenarios::blankSsseAuthenticated,
                f -> f.card(apdu(0, 0xDC, 7, 0x2C, concat(h("0809"), ascii("B00000001")), -1))));
        l.add(s(
                "update_record",
                0x6B00,
                "P2 mode 3",
                StatusWordScenarios::blankSsseAuthenticated,
                f -> f.card(apdu(0, 0xDC, 7, 0x2B, NUMBER_RECORD, -1))));
        l.add(s(
                "update_record",
                0x6700,
                "a record one byte short",
                StatusWordScenarios::blankSsseAuthenticated,
                f -> f.card(apdu(0, 0xDC, 7, 0x2C, concat(h("0709"), ascii("B0000000")), -1))));
        // UPDATE BINARY with secure messaging (purse SFI 16)
        l.add(s(
                "update_binary_sm",
                0x9000,
                "holder name",
                StatusWordScenarios::purse,
                f -> sm(f, 0x04, 0xD6, 0x96, 0, h("0102030405"))));
        // update_binary_sm 6982 is unreachable since issue 22 (StatusWordCoverageTest.UNREACHABLE): SFI 15 takes the
        // counter's yearly review by secure messaging (card_concession), so every binary file of the purse does
        l.add(s(
                "update_binary_sm",
                0x9000,
                "SFI 15 card_concession (the yearly review)",
                StatusWordScenarios::purse,
                f -> sm(f, 0x04, 0xD6, 0x95, 28, h("0000"))));
        l.add(s(
                "update_binary_sm",
                0x6985,
                "before issuance",
                StatusWordScenarios::blankPurse,
                f -> f.card("04D6960005 0100000000")));
        l.add(s(
                "update_binary_sm",
                0x6A82,
                "SFI 19",
                StatusWordScenarios::purse,
                f -> sm(f, 0x04, 0xD6, 0x99, 0, h("01"))));
        l.add(s(
                "update_binary_sm",
                0x6B00,
                "P1 with reserved bits",
                StatusWordScenarios::purse,
                f -> sm(f, 0x04, 0xD6, 0xF6, 0, h("01"))));
        l.add(s(
                "update_binary_sm",
                0x6700,
                "past the end",
                StatusWordScenarios::purse,
                f -> sm(f, 0x04, 0xD6, 0x96, 50, new byte[10])));
        l.add(s(
                "update_binary_sm",
                0x9302,
                "MAC with another key",
                StatusWordScenarios::purse,
                f -> smWrongKey(f, 0x04, 0xD6, 0x96, 0, h("01"))));
        // UPDATE RECORD with secure messaging
        l.add(s(
                "update_record_sm",
                0x9000,
                "card number",
                StatusWordScenarios::ssse,
                f -> sm(f, 0x04, 0xDC, 7, 0x2C, NUMBER_RECORD)));
        l.add(s(
                "update_record_sm",
                0x6982,
                "purse SFI 17 (purchase only)",
                StatusWordScenarios::purse,
                f -> sm(f, 0x04, 0xDC, 1, 0xBC, cappRecord(1))));
        l.add(s(
                "update_record_sm",
                0x6985,
                "before issuance",
                StatusWordScenarios::blankSsse,
                f -> f.card(concat(h("04DC072C0F"), NUMBER_RECORD, new byte[4]))));
        l.add(s(
                "update_record_sm",
                0x6A82,
                "SFI 9",
                StatusWordScenarios::ssse,
                f -> sm(f, 0x04, 0xDC, 7, 0x4C, NUMBER_RECORD)));
        l.add(s(
                "update_record_sm",
                0x6A83,
                "record 20 of EF05",
                StatusWordScenarios::ssse,
                f -> sm(f, 0x04, 0xDC, 0x20, 0x2C, NUMBER_RECORD)));
        l.add(s(
                "update_record_sm",
                0x6A80,
                "tag 08 in record 07",
                StatusWordScenarios::ssse,
                f -> sm(f, 0x04, 0xDC, 7, 0x2C, concat(h("0809"), ascii("B00000001")))));
        l.add(s(
                "update_record_sm",
                0x6B00,
                "P2 mode 3",
                StatusWordScenarios::ssse,
                f -> sm(f, 0x04, 0xDC, 7, 0x2B, NUMBER_RECORD)));
        l.add(s(
                "update_record_sm",
                0x6700,
                "a record one byte short",
                StatusWordScenarios::ssse,
                f -> sm(f, 0x04, 0xDC, 7, 0x2C, concat(h("0709"), ascii("B0000000")))));
        l.add(s(
                "update_record_sm",
                0x9302,
                "MAC with another key",
                StatusWordScenarios::ssse,
                f -> smWrongKey(f, 0x04, 0xDC, 7, 0x2C, NUMBER_RECORD)));
        // APPEND RECORD with secure messaging (EF07)
        byte[] unemployment = concat(ascii("2101"), h("20200101310105"));
        l.add(s(
                "append_record_sm",
                0x9000,
                "unemployment insurance",
                StatusWordScenarios::ssse,
                f -> sm(f, 0x04, 0xE2, 0, 0x38, unemployment)));
        l.add(s(
                "append_record_sm",
                0x6985,
                "before issuance",
                StatusWordScenarios::blankSsse,
                f -> f.card(concat(h("04E200380F"), unemployment, new byte[4]))));
        l.add(s(
                "append_record_sm",
                0x6A82,
                "SFI 9",
                StatusWordScenarios::ssse,
                f -> sm(f, 0x04, 0xE2, 0, 0x48, unemployment)));
        l.add(s(
                "append_record_sm",
                0x6A80,
                "an insurance type without a record",
                StatusWordScenarios::ssse,
                f -> sm(f, 0x04, 0xE2, 0, 0x38, concat(ascii("9991"), h("20200101310105")))));
        l.add(s(
                "append_record_sm",
                0x6B00,
                "P1 01",
                StatusWordScenarios::ssse,
                f -> sm(f, 0x04, 0xE2, 1, 0x38, unemployment)));
        l.add(s(
                "append_record_sm",
                0x6700,
                "a record one byte short",
                StatusWordScenarios::ssse,
                f -> sm(f, 0x04, 0xE2, 0, 0x38, Arrays.copyOf(unemployment, 10))));
        l.add(s(
                "append_record_sm",
                0x9302,
                "MAC with another key",
                StatusWordScenarios::ssse,
                f -> smWrongKey(f, 0x04, 0xE2, 0, 0x38, unemployment)));
        return l;
    }
}
