package org.citycard.dictionary.record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.citycard.dictionary.format.BinaryCodec;

/**
 * Field 63 of the 0330 (layout {@code upload_result}, repeated): one result per uploaded record, in the order
 * of the 0320's records — 00 accepted, 94 duplicate, Qn quarantined.
 */
public record UploadResults(List<String> results) {
    public static final BinaryCodec CODEC = BinaryCodec.of("upload_result");

    public UploadResults {
        results = List.copyOf(results);
    }

    public static UploadResults decode(byte[] field63) {
        List<String> out = new ArrayList<>();
        for (byte[] one : CODEC.split(field63)) {
            out.add(CODEC.decode(one).string("result"));
        }
        return new UploadResults(out);
    }

    public byte[] bytes() {
        List<byte[]> parts = new ArrayList<>();
        for (String r : results) {
            parts.add(CODEC.writer().put("result", r).encode());
        }
        return CODEC.join(parts);
    }

    public String text() {
        return new String(bytes(), StandardCharsets.US_ASCII);
    }
}
