package org.citycard.agent.purse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.ChangePin;
import org.citycard.cardlink.command.GetBalance;
import org.citycard.cardlink.command.ReadRecord;
import org.citycard.cardlink.command.SelectApplication;
import org.citycard.cardlink.command.Verify;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Gb18030Text;
import org.citycard.dictionary.codec.Tlv;
import org.citycard.dictionary.record.CardLogRecord;

/** Reading a card for the kiosk: balance, the transaction log, the SSSE identity after PIN, and PIN change. */
public final class CardQueries {
    private static final Dictionary DICT = Dictionary.standard();
    private static final int SFI_LOG =
            DICT.application("purse").file("sfi18").orElseThrow().sfi();
    private static final int LOG_RECORDS = DICT.parameter("log_record_count").asInt();
    private static final int SFI_HOLDER =
            DICT.application("ssse").file("ef06").orElseThrow().sfi();
    private static final int SFI_CARD_INFO =
            DICT.application("ssse").file("ef05").orElseThrow().sfi();

    private CardQueries() {}

    public static long balance(ApduTransport purseSelected) {
        return GetBalance.send(purseSelected);
    }

    /** One record of the card's transaction log (SFI 18), newest first. */
    public record LogEntry(
            int seq, long amount, String type, String typeName, String terminalId, String date, String time) {}

    public static List<LogEntry> transactionLog(ApduTransport purseSelected) {
        List<LogEntry> out = new ArrayList<>();
        var types = DICT.codeTable("transaction-type");
        for (int n = 1; n <= LOG_RECORDS; n++) {
            Optional<byte[]> rec = ReadRecord.find(purseSelected, SFI_LOG, n);
            if (rec.isEmpty() || isBlank(rec.get())) {
                break;
            }
            CardLogRecord r = CardLogRecord.decode(rec.get());
            String type = r.transactionType();
            out.add(new LogEntry(
                    r.logSeq(),
                    r.amount(),
                    type,
                    types.find(type).map(c -> c.en() + " " + c.zh()).orElse(type),
                    r.terminalId(),
                    r.transactionDate(),
                    r.transactionTime()));
        }
        return out;
    }

    private static boolean isBlank(byte[] r) {
        for (byte b : r) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The holder as the SSSE holds it (EF06, after PIN) with the card number (EF05). Shown masked. */
    public record Identity(String socialSecurityNumber, String name, String sex, String birthDate, String cardNumber) {
        public String maskedName() {
            if (name == null || name.isEmpty()) {
                return "";
            }
            return name.substring(0, 1) + "*".repeat(Math.max(1, name.length() - 1));
        }

        public String maskedNumber() {
            if (socialSecurityNumber == null || socialSecurityNumber.length() < 8) {
                return "****";
            }
            return socialSecurityNumber.substring(0, 4)
                    + "*".repeat(socialSecurityNumber.length() - 8)
                    + socialSecurityNumber.substring(socialSecurityNumber.length() - 4);
        }

        @Override
        public String toString() {
            return "Identity[" + maskedName() + ", " + maskedNumber() + "]";
        }
    }

    /** SELECT SSSE, VERIFY the PIN, read EF06 and the card number; leaves the SSSE selected. */
    public static Identity identity(ApduTransport card, char[] pin) {
        SelectApplication.send(card, DICT.application("ssse").aidBytes());
        Verify.send(card, pin);
        String ssn = text(ReadRecord.send(card, SFI_HOLDER, 0x08));
        String name = Gb18030Text.decode(
                        value(ReadRecord.send(card, SFI_HOLDER, 0x09)),
                        0,
                        value(ReadRecord.send(card, SFI_HOLDER, 0x09)).length)
                .trim();
        String sexCode = text(ReadRecord.send(card, SFI_HOLDER, 0x0A));
        String sex = DICT.codeTable("sex")
                .find(sexCode)
                .map(c -> c.zh() + " " + c.en())
                .orElse(sexCode);
        byte[] birth = value(ReadRecord.send(card, SFI_HOLDER, 0x0D));
        String cardNumber = ReadRecord.find(card, SFI_CARD_INFO, 0x07)
                .map(CardQueries::text)
                .orElse("");
        return new Identity(ssn, name, sex, Bcd.decode(birth, 0, birth.length), cardNumber);
    }

    private static byte[] value(byte[] tlvRecord) {
        List<Tlv> all = Tlv.parseAll(tlvRecord);
        return all.isEmpty() ? new byte[0] : all.get(0).value();
    }

    private static String text(byte[] tlvRecord) {
        byte[] v = value(tlvRecord);
        int end = v.length;
        while (end > 0 && (v[end - 1] == 0 || v[end - 1] == ' ')) {
            end--;
        }
        return new String(v, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** CHANGE PIN on the purse (one cardholder PIN for the whole card). */
    public static void changePin(ApduTransport card, char[] oldPin, char[] newPin) {
        SelectApplication.send(card, DICT.application("purse").aidBytes());
        ChangePin.send(card, oldPin, newPin);
    }
}
