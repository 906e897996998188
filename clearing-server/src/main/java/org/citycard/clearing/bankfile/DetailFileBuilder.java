package org.citycard.clearing.bankfile;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.format.FixedWidthCodec;

/**
 * The fixed-width detail file of one bank file, in the dictionary's {@code bank_detail_file} layout: a header, one
 * detail line per payment (in the pain.001's order) and a trailer with the detail count, the net total and the
 * SHA-256 (upper-case hex) of the detail lines' bytes with their line ends.
 */
public final class DetailFileBuilder {
    public static final String LAYOUT = "bank_detail_file";
    private static final FixedWidthCodec CODEC = new FixedWidthCodec(Dictionary.standard(), LAYOUT);
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private DetailFileBuilder() {}

    public static byte[] build(BankFile file, List<Payment> payments, OffsetDateTime created, String senderId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("business_date", file.businessDate());
        header.put("bank_code", file.bankCode());
        header.put("sender", senderId);
        header.put("message_id", file.messageId());
        header.put("created", created.format(CREATED));
        out.writeBytes(CODEC.formatBytes("H", header));

        MessageDigest sha = sha256();
        long total = 0;
        int sequence = 0;
        for (Payment p : payments) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("sequence", ++sequence);
            d.put("department_code", p.departmentCode());
            d.put("department_name", p.payeeName());
            d.put("account_number", p.creditorAccount());
            d.put("account_name", p.creditorName());
            d.put("bank_code", p.creditorBank());
            d.put("transaction_count", p.purchaseCount());
            d.put("gross_amount", p.gross());
            d.put("fee_amount", p.fee());
            d.put("net_amount", p.amount());
            d.put("end_to_end_id", p.endToEndId());
            byte[] line = CODEC.formatBytes("D", d);
            sha.update(line);
            out.writeBytes(line);
            total += p.amount();
        }
        Map<String, Object> trailer = new LinkedHashMap<>();
        trailer.put("record_count", payments.size());
        trailer.put("total_net_amount", total);
        trailer.put("hash", Hex.of(sha.digest()).toUpperCase(java.util.Locale.ROOT));
        out.writeBytes(CODEC.formatBytes("T", trailer));
        return out.toByteArray();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
