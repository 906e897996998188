package org.citycard.dictionary.crypto;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The key hierarchy of keys.yaml, with the demo key set (demo only). */
public record KeySpec(
        Derivation derivation,
        List<KeyDefinition> keys,
        List<SessionKeyDefinition> sessionKeys,
        String keyVersion,
        DemoKeys demoKeySet) {

    /** The diversification rule, as text. */
    public record Derivation(String zh, String en, String rule) {}

    /** The demo key set: public values, for tests and the demo only. */
    public record DemoKeys(
            String name, boolean demoOnly, String keyVersion, String algorithm, Map<String, String> keys) {
        /** The key values are never part of the text form. */
        @Override
        public String toString() {
            return "DemoKeys[" + name + ", demo only, " + keys.keySet() + "]";
        }
    }

    public Optional<KeyDefinition> key(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }
}
