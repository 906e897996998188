package org.citycard.dictionary;

import java.util.Collection;
import java.util.Map;
import org.citycard.dictionary.crypto.KeyDefinition;
import org.citycard.dictionary.crypto.KeySpec;

/** The key hierarchy: unique IDs, known master and derived keys, and a complete demo key set marked demo-only. */
final class KeyChecks extends DefinitionCheck {
    KeyChecks(CheckContext ctx) {
        super(ctx);
    }

    void checkKeys(KeySpec keys) {
        String file = ctx.manifest.keys();
        Map<String, KeyDefinition> defs = unique(file, "key", keys.keys(), KeyDefinition::id);
        unique(
                file,
                "key ID",
                keys.keys().stream().filter(k -> k.keyId() != null).toList(),
                KeyDefinition::keyId);
        for (KeyDefinition k : defs.values()) {
            String entry = "key " + k.id();
            names(file, entry, k.zh(), k.en());
            if (k.masterKey() != null && !defs.containsKey(k.masterKey())) {
                problem(file, entry, "unknown master key '" + k.masterKey() + "'");
            }
            if (k.derives() != null && !defs.containsKey(k.derives())) {
                problem(file, entry, "derives unknown key '" + k.derives() + "'");
            }
            if (k.keyId() != null && !HEX_BYTE.matcher(k.keyId()).matches()) {
                problem(file, entry, "key ID must be one byte of upper-case hex");
            }
        }
        KeySpec.DemoKeys demo = keys.demoKeySet();
        if (demo == null) {
            problem(file, "demoKeySet", "the demo key set is missing");
            return;
        }
        if (!demo.demoOnly()) {
            problem(file, "demoKeySet", "the demo key set must be marked demoOnly: true");
        }
        Collection<String> required = defs.values().stream()
                .filter(k -> k.derives() != null || k.id().equals("TK"))
                .map(KeyDefinition::id)
                .toList();
        for (String id : required) {
            if (!demo.keys().containsKey(id)) {
                problem(file, "demoKeySet." + id, "every master key and the transport key need a demo value");
            }
        }
        checkValues(file, "demoKeySet.", demo.keys(), defs);
        if (!demo.sm4Keys().isEmpty()) {
            for (String id : required) {
                if (!demo.sm4Keys().containsKey(id)) {
                    problem(
                            file,
                            "demoKeySet.sm4Keys." + id,
                            "every master key and the transport key need an SM4 demo value");
                }
            }
            checkValues(file, "demoKeySet.sm4Keys.", demo.sm4Keys(), defs);
        }
        for (String id : keys.versionedKeys()) {
            if (!defs.containsKey(id) || defs.get(id).derives() == null) {
                problem(
                        file,
                        "versionedKeys." + id,
                        "only a card master key (one that derives a card key) has versions");
            }
        }
        for (Map.Entry<String, KeySpec.DemoVersion> v : demo.versions().entrySet()) {
            String prefix = "demoKeySet.versions." + v.getKey() + ".";
            if (!HEX_BYTE.matcher(v.getKey()).matches() || v.getKey().equals(keys.keyVersion())) {
                problem(file, prefix, "a key version is one byte of upper-case hex, other than the set's own");
            }
            for (Map<String, String> values :
                    java.util.List.of(v.getValue().keys(), v.getValue().sm4Keys())) {
                checkValues(file, prefix, values, defs);
                for (String id : values.keySet()) {
                    if (!keys.isVersioned(id)) {
                        problem(file, prefix + id, "is not a versioned key (keys.yaml versionedKeys)");
                    }
                }
            }
        }
    }

    private void checkValues(String file, String prefix, Map<String, String> values, Map<String, KeyDefinition> defs) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!defs.containsKey(e.getKey())) {
                problem(file, prefix + e.getKey(), "is not a key of the hierarchy");
            }
            if (e.getValue() == null || !e.getValue().matches("[0-9A-F]{32}")) {
                problem(file, prefix + e.getKey(), "a key value is 16 bytes of upper-case hex");
            }
        }
    }
}
