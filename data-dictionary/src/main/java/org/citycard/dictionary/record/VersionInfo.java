package org.citycard.dictionary.record;

import java.nio.charset.StandardCharsets;
import org.citycard.dictionary.format.BinaryCodec;

/** Field 62 of the 0810 (layout {@code version_info}): the host's current hotlist and parameter versions. */
public record VersionInfo(String hotlistVersion, String parameterVersion) {
    public static final BinaryCodec CODEC = BinaryCodec.of("version_info");
    public static final int SIZE = CODEC.size();

    /** Reads field 62 as the message carries it (characters). */
    public static VersionInfo parse(String field62) {
        if (field62 == null) {
            throw new org.citycard.dictionary.validate.ValidationException(
                    "version_info", "null", "field 62 is required here");
        }
        BinaryCodec.Values v = CODEC.decode(field62.getBytes(StandardCharsets.US_ASCII));
        return new VersionInfo(v.string("hotlist_version"), v.string("parameter_version"));
    }

    /** Field 62 as the message carries it. */
    public String text() {
        byte[] b = CODEC.writer()
                .put("hotlist_version", hotlistVersion)
                .put("parameter_version", parameterVersion)
                .encode();
        return new String(b, StandardCharsets.US_ASCII);
    }
}
