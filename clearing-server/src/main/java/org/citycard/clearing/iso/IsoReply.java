package org.citycard.clearing.iso;

import java.util.LinkedHashMap;
import java.util.Map;
import org.citycard.dictionary.wire.ResponseCode;

/** What a handler answers: the response code and the fields it sets beyond the echoed ones. */
public final class IsoReply {
    private final ResponseCode code;
    private final Map<Integer, Object> fields = new LinkedHashMap<>();

    private IsoReply(ResponseCode code) {
        this.code = code;
    }

    public static IsoReply of(ResponseCode code) {
        return new IsoReply(code);
    }

    /** Sets a field: a String for character and numeric fields, a byte[] for binary ones. */
    public IsoReply with(int field, Object value) {
        if (value != null) {
            fields.put(field, value);
        }
        return this;
    }

    public ResponseCode code() {
        return code;
    }

    public Map<Integer, Object> fields() {
        return fields;
    }
}
