package org.citycard.issuance.keys;

import java.util.List;
import java.util.Locale;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.KeyDefinition;

/** The issuer keys a key store may hold, from the dictionary's key hierarchy (keys.yaml). */
public final class KeyIds {
    private KeyIds() {}

    /**
     * Master keys (those that derive a card key, and the server's LMK) and the transport key TK; not the terminals'
     * own keys (made by the server, one per terminal) nor the demo-only MTMK.
     */
    public static List<String> masterAndTransport() {
        return Dictionary.standard().keys().keys().stream()
                .filter(k -> k.masterKey() == null
                        && !"card".equals(k.holder())
                        && !"terminal".equals(k.holder())
                        && !k.holder().startsWith("demo")
                        && !"PIN".equals(k.id()))
                .map(KeyDefinition::id)
                .toList();
    }

    public static String requireMasterOrTransport(String keyId) {
        String id = keyId == null ? "" : keyId.strip().toUpperCase(Locale.ROOT);
        if (!masterAndTransport().contains(id)) {
            throw new IllegalArgumentException("key '" + keyId
                    + "' is not an issuer master key or the transport key; one of " + masterAndTransport());
        }
        return id;
    }
}
