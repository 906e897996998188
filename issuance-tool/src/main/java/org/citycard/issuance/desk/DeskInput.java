package org.citycard.issuance.desk;

import java.util.Arrays;
import java.util.Base64;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.staff.Staff;

/**
 * What the routes read from a request besides the services' own checks: a number (refused naming the field and the
 * value), an empty field as absent, an upload in base64 or as a data URL, a key set opened with its password; every
 * password, PIN and key-store password is wiped once used.
 */
final class DeskInput {
    private DeskInput() {}

    static long number(String text, String field) {
        if (text == null || !text.strip().matches("\\d{1,18}")) {
            throw new IllegalArgumentException(field + " '" + (text == null ? "" : text) + "': a number is required");
        }
        return Long.parseLong(text.strip());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static byte[] base64(String text) {
        String t = text.strip();
        int comma = t.indexOf(',');
        if (t.startsWith("data:") && comma > 0) {
            t = t.substring(comma + 1);
        }
        try {
            return Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the upload is not base64: " + e.getMessage(), e);
        }
    }

    /** Opens a key set by name or path with the operator's password, which is wiped whatever happens. */
    static KeySet keySet(IssuanceTool tool, Staff me, String nameOrPath, char[] password) {
        try {
            return tool.keyStores().open(me, nameOrPath, password);
        } finally {
            wipe(password);
        }
    }

    static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
