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
        List<String> versionedKeys,
        DemoKeys demoKeySet) {
    public KeySpec {
        versionedKeys = versionedKeys == null ? List.of() : List.copyOf(versionedKeys);
    }

    /** True for a card master key that exists in several key versions (keys.yaml {@code versionedKeys}). */
    public boolean isVersioned(String id) {
        return versionedKeys.contains(id);
    }

    /** The diversification rule, as text. */
    public record Derivation(String zh, String en, String rule) {}

    /**
     * The demo key set: public values, for tests and the demo only.
     *
     * @param keys the 3DES keys (algorithm {@code algorithm}, 00)
     * @param sm4Keys the SM4 keys (algorithm 04, CARD-SPEC §7.1); empty when keys.yaml has none
     * @param versions the card master keys of the other key versions (issue 22), by version as two hex digits
     */
    public record DemoKeys(
            String name,
            boolean demoOnly,
            String keyVersion,
            String algorithm,
            Map<String, String> keys,
            Map<String, String> sm4Keys,
            Map<String, DemoVersion> versions) {
        public DemoKeys {
            sm4Keys = sm4Keys == null ? Map.of() : sm4Keys;
            versions = versions == null ? Map.of() : versions;
        }

        /** The keys of an algorithm. */
        public Map<String, String> keys(Algorithm alg) {
            return alg == Algorithm.SM4 ? sm4Keys : keys;
        }

        /** The key values are never part of the text form. */
        @Override
        public String toString() {
            return "DemoKeys[" + name + ", demo only, " + keys.keySet() + ", SM4 " + sm4Keys.keySet() + ", versions "
                    + versions.keySet() + "]";
        }
    }

    /** The demo card master keys of one other key version (DEMO ONLY, like the set). */
    public record DemoVersion(Map<String, String> keys, Map<String, String> sm4Keys) {
        public DemoVersion {
            keys = keys == null ? Map.of() : keys;
            sm4Keys = sm4Keys == null ? Map.of() : sm4Keys;
        }

        /** The keys of an algorithm. */
        public Map<String, String> keys(Algorithm alg) {
            return alg == Algorithm.SM4 ? sm4Keys : keys;
        }

        @Override
        public String toString() {
            return "DemoVersion[demo only, " + keys.keySet() + ", SM4 " + sm4Keys.keySet() + "]";
        }
    }

    public Optional<KeyDefinition> key(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }
}
