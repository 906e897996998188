package org.citycard.clearing.socialsecurity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Map;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.format.FixedWidthCodec;
import org.citycard.dictionary.validate.CitizenId;

/** Department exchange files for tests, line by line; bad lines can be put in as raw text. */
final class ExchangeFiles {
    static final FixedWidthCodec CODEC = new FixedWidthCodec(Dictionary.standard(), "social_security_exchange");
    static final Charset GB18030 = Charset.forName("GB18030");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int details;

    /** A valid citizen ID number born on 1980-01-01 with the given sequence (3 digits). */
    static String citizen(int sequence) {
        String first17 = "110105" + "19800101" + String.format("%03d", sequence);
        return first17 + CitizenId.checkCharacter(first17);
    }

    ExchangeFiles header(String created) {
        out.writeBytes(CODEC.formatBytes("H", Map.of("created", created, "sender", "SOCSEC01")));
        return this;
    }

    ExchangeFiles contribution(String citizen, String month, String type, long base, long employer, long personal) {
        details++;
        out.writeBytes(CODEC.formatBytes(
                "C",
                Map.of(
                        "citizen_id", citizen,
                        "month", month,
                        "insurance_type", type,
                        "base", base,
                        "employer_amount", employer,
                        "personal_amount", personal,
                        "payer", "市测试单位")));
        return this;
    }

    ExchangeFiles movement(String citizen, String date, String direction, long amount, long after, String what) {
        details++;
        out.writeBytes(CODEC.formatBytes(
                "M",
                Map.of(
                        "citizen_id", citizen,
                        "date", date,
                        "direction", direction,
                        "amount", amount,
                        "balance_after", after,
                        "description", what,
                        "movement_id", "M" + org.citycard.clearing.support.TestData.unique())));
        return this;
    }

    /** A line as given (counted as a detail line). */
    ExchangeFiles raw(String line) {
        details++;
        out.writeBytes((line + "\n").getBytes(GB18030));
        return this;
    }

    ExchangeFiles trailer() {
        return trailer(details);
    }

    ExchangeFiles trailer(int count) {
        out.writeBytes(CODEC.formatBytes("T", Map.of("line_count", count, "file_mac", "")));
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
