package org.citycard.dictionary.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.NoSuchElementException;
import org.citycard.dictionary.Dictionary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key versions of a key set (issue 22): the demo set's version 02, key store aliases -vNN, views at a version. */
class KeyVersionsTest {
    private static final char[] PASSWORD = "keyver-test".toCharArray();

    @Test
    void demoSet_holdsVersions01And02_newestIs02() {
        KeySet demo = KeySet.demo();
        assertThat(demo.versions()).containsExactly(1, 2);
        assertThat(demo.newestVersion()).isEqualTo(2);
        assertThat(demo.atVersion(1)).isSameAs(demo);
    }

    /** The version-02 demo keys are the documented derivation, not values someone chose. */
    @Test
    void demoVersion02_isTheDocumentedDerivation() throws Exception {
        KeySet v2 = KeySet.demo().atVersion(2);
        assertThat(v2.keyVersion()).isEqualTo((byte) 2);
        assertThat(v2.isDemo()).isTrue();
        for (String id : Dictionary.standard().keys().versionedKeys()) {
            for (Algorithm alg : Algorithm.values()) {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(("CityCard DEMO ONLY key version 02 " + id + " algorithm "
                                        + HexFormat.of().withUpperCase().formatHex(new byte[] {alg.id()}))
                                .getBytes(StandardCharsets.UTF_8));
                assertThat(v2.key(id, alg)).as(id + " " + alg).isEqualTo(Arrays.copyOf(digest, 16));
                assertThat(v2.key(id, alg))
                        .as(id + " " + alg + " differs from 01")
                        .isNotEqualTo(KeySet.demo().key(id, alg));
            }
        }
    }

    @Test
    void versionView_unversionedKeysAreTheSetsOwn() {
        KeySet demo = KeySet.demo();
        KeySet v2 = demo.atVersion(2);
        assertThat(v2.key("LMK")).isEqualTo(demo.key("LMK"));
        assertThat(v2.key("TK", Algorithm.SM4)).isEqualTo(demo.key("TK", Algorithm.SM4));
        assertThat(v2.versions()).containsExactly(1, 2);
        assertThat(v2.atVersion(1)).isSameAs(demo);
        assertThat(v2.toString())
                .contains("key version 02")
                .doesNotContain(HexFormat.of().formatHex(v2.key("MPK")));
    }

    @Test
    void unknownVersion_isNamedInTheError() {
        assertThatThrownBy(() -> KeySet.demo().atVersion(3))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("key version 03")
                .hasMessageContaining("01, 02");
    }

    @Test
    void alias_version01IsTodaysAlias_othersCarryTheirVersion() {
        assertThat(KeySet.alias("MPK", Algorithm.TDES, 1)).isEqualTo("mpk");
        assertThat(KeySet.alias("MPK", Algorithm.SM4, 1)).isEqualTo("mpk-sm4");
        assertThat(KeySet.alias("MPK", Algorithm.TDES, 2)).isEqualTo("mpk-v02");
        assertThat(KeySet.alias("MAMK", Algorithm.SM4, 2)).isEqualTo("mamk-sm4-v02");
        assertThatThrownBy(() -> KeySet.alias("MPK", Algorithm.TDES, 0))
                .hasMessageContaining("key version 0: must be 01 to FF");
    }

    @Test
    void keyStore_keepsVersion01AsBefore_andReadsVersion02ByItsAlias(@TempDir Path dir) {
        Path file = dir.resolve("issuer.bcfks");
        KeyStoreKeySet store = KeyStoreKeySet.create(file, PASSWORD);
        byte[] v1 = HexFormat.of().parseHex("0123456789ABCDEFFEDCBA9876543210");
        byte[] v2 = HexFormat.of().parseHex("65C6AD6E354E14302A89684264DF8299");
        store.put("MPK", v1);
        store.put("MPK", Algorithm.TDES, 2, v2);
        store.put("LMK", HexFormat.of().parseHex("DDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEE"));
        store.save(file);

        KeySet opened = KeySet.open(file.toString(), PASSWORD);
        assertThat(opened.versions()).containsExactly(1, 2);
        assertThat(opened.key("MPK")).isEqualTo(v1);
        KeySet at2 = opened.atVersion(2);
        assertThat(at2.key("MPK")).isEqualTo(v2);
        assertThat(at2.has("MLK")).isFalse();
        assertThat(at2.key("LMK")).isEqualTo(opened.key("LMK"));
        assertThatThrownBy(() -> at2.key("MLK"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("MLK of key version 02 (alias mlk-v02)");
    }

    @Test
    void keyStore_refusesAVersionOfAKeyThatHasNone(@TempDir Path dir) {
        KeyStoreKeySet store = KeyStoreKeySet.create(dir.resolve("s.bcfks"), PASSWORD);
        assertThatThrownBy(() -> store.put("LMK", Algorithm.TDES, 2, new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only the card master keys have key versions");
    }
}
