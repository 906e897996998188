package org.citycard.issuance.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.crypto.KeyStoreKeySet;
import org.citycard.issuance.support.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCeremonyTest {
    static final char[] STORE_PASSWORD = "key store password 1".toCharArray();

    @TempDir
    Path dir;

    Fixture f;
    Path storePath;
    KeyStoreKeySet store;

    @BeforeEach
    void open() {
        f = new Fixture(dir.resolve("data"));
        storePath = dir.resolve("issuer.bcfks");
        store = f.tool.keyStores().create(f.supervisor, storePath, STORE_PASSWORD.clone());
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** Splits a key into n random components whose XOR is the key. */
    static List<byte[]> split(byte[] key, int n) {
        SecureRandom r = new SecureRandom();
        List<byte[]> parts = new ArrayList<>();
        byte[] last = key.clone();
        for (int i = 0; i < n - 1; i++) {
            byte[] p = new byte[16];
            r.nextBytes(p);
            parts.add(p);
            for (int j = 0; j < 16; j++) {
                last[j] ^= p[j];
            }
        }
        parts.add(last);
        return parts;
    }

    /** Scripted custodians: entries in order, refusals and acceptances recorded. */
    static final class Script implements KeyCeremony.Custodians {
        final Deque<KeyCeremony.Entry> entries = new ArrayDeque<>();
        final List<String> refused = new ArrayList<>();
        final List<String> accepted = new ArrayList<>();

        Script add(String user, byte[] component, String kcv) {
            entries.add(new KeyCeremony.Entry(
                    user,
                    Fixture.PASSWORD.clone(),
                    HexFormat.of().withUpperCase().formatHex(component).toCharArray(),
                    kcv));
            return this;
        }

        Script add(String user, byte[] component) {
            return add(user, component, CardCrypto.keyCheckValue(component));
        }

        @Override
        public KeyCeremony.Entry component(String keyId, int index, int total) {
            return entries.removeFirst();
        }

        @Override
        public void refused(int index, String reason) {
            refused.add(index + ": " + reason);
        }

        @Override
        public void accepted(int index, String custodian, String kcv) {
            accepted.add(index + " " + custodian + " " + kcv);
        }
    }

    @Test
    void threeComponents_combineToTheKeyWithItsCheckValue() {
        byte[] mpk = KeySet.demo().key("MPK");
        List<byte[]> c = split(mpk, 3);
        Script s = new Script().add("cust1", c.get(0)).add("cust2", c.get(1)).add("cust3", c.get(2));
        KeyCeremony.Result r = f.tool.keyCeremony()
                .run(f.supervisor, store, storePath, "MPK", 3, s, CardCrypto.keyCheckValue(mpk), false);
        assertThat(r.keyKcv()).isEqualTo(CardCrypto.keyCheckValue(mpk));
        assertThat(r.componentKcvs())
                .containsExactly(
                        CardCrypto.keyCheckValue(c.get(0)),
                        CardCrypto.keyCheckValue(c.get(1)),
                        CardCrypto.keyCheckValue(c.get(2)));
        assertThat(r.custodians()).containsExactly("cust1", "cust2", "cust3");
        KeySet reopened = KeyStoreKeySet.open(storePath, STORE_PASSWORD.clone());
        assertThat(reopened.key("MPK")).isEqualTo(mpk);
        assertThat(KeyStores.list(reopened)).anySatisfy(k -> {
            assertThat(k.keyId()).isEqualTo("MPK");
            assertThat(k.kcv()).isEqualTo(r.keyKcv());
        });
    }

    /** Issue 22: a ceremony at key version 02 stores the key under mpk-v02, beside version 01. */
    @Test
    void ceremonyAtVersion02_storesTheKeyUnderItsVersionAlias_beside01() {
        byte[] v1 = KeySet.demo().key("MPK");
        byte[] v2 = KeySet.demo().atVersion(2).key("MPK");
        f.tool.keyCeremony().run(f.supervisor, store, storePath, "MPK", 2, script(v1), null, false);
        KeyCeremony.Result r = f.tool.keyCeremony()
                .atVersion(2)
                .run(f.supervisor, store, storePath, "MPK", 2, script(v2), CardCrypto.keyCheckValue(v2), false);

        assertThat(r.keyKcv()).isEqualTo(CardCrypto.keyCheckValue(v2));
        KeySet reopened = KeyStoreKeySet.open(storePath, STORE_PASSWORD.clone());
        assertThat(reopened.versions()).containsExactly(1, 2);
        assertThat(reopened.key("MPK")).isEqualTo(v1);
        assertThat(reopened.atVersion(2).key("MPK")).isEqualTo(v2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.tool.keyCeremony()
                        .atVersion(2)
                        .run(f.supervisor, store, storePath, "MPK", 2, script(v2), null, false))
                .hasMessageContaining("already holds");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.tool.keyCeremony()
                        .atVersion(2)
                        .run(f.supervisor, store, storePath, "LMK", 2, script(v2), null, false))
                .hasMessageContaining("has one version only");
    }

    private Script script(byte[] key) {
        List<byte[]> c = split(key, 2);
        return new Script().add("cust1", c.get(0)).add("cust2", c.get(1));
    }

    @Test
    void twoComponents_areEnough() {
        byte[] mlk = KeySet.demo().key("MLK");
        List<byte[]> c = split(mlk, 2);
        KeyCeremony.Result r = f.tool.keyCeremony()
                .run(
                        f.supervisor,
                        store,
                        storePath,
                        "mlk",
                        2,
                        new Script().add("cust2", c.get(0)).add("cust1", c.get(1)),
                        null,
                        false);
        assertThat(r.keyId()).isEqualTo("MLK");
        assertThat(KeyStoreKeySet.open(storePath, STORE_PASSWORD.clone()).key("MLK"))
                .isEqualTo(mlk);
    }

    @Test
    void wrongComponent_isDetectedByItsCheckValue_andEnteredAgain() {
        byte[] mpk = KeySet.demo().key("MPK");
        List<byte[]> c = split(mpk, 2);
        byte[] typo = c.get(1).clone();
        typo[5] ^= 0x10;
        Script s = new Script()
                .add("cust1", c.get(0))
                .add("cust2", typo, CardCrypto.keyCheckValue(c.get(1)))
                .add("cust2", c.get(1));
        KeyCeremony.Result r = f.tool.keyCeremony().run(f.supervisor, store, storePath, "MPK", 2, s, null, false);
        assertThat(s.refused).singleElement().satisfies(m -> assertThat(m)
                .contains("component 2 does not match its check value")
                .contains("computed " + CardCrypto.keyCheckValue(typo))
                .contains("stated " + CardCrypto.keyCheckValue(c.get(1))));
        assertThat(r.keyKcv()).isEqualTo(CardCrypto.keyCheckValue(mpk));
    }

    @Test
    void componentWrongThreeTimes_abortsAndStoresNothing() {
        byte[] mpk = KeySet.demo().key("MPK");
        List<byte[]> c = split(mpk, 2);
        byte[] wrong = c.get(0).clone();
        wrong[0] ^= 0x10; // not bit 0: DES ignores parity bits, so a parity typo leaves the key and its KCV unchanged
        Script s = new Script();
        for (int i = 0; i < KeyCeremony.ATTEMPTS; i++) {
            s.add("cust1", wrong, CardCrypto.keyCheckValue(c.get(0)));
        }
        assertThatThrownBy(() -> f.tool.keyCeremony().run(f.supervisor, store, storePath, "MPK", 2, s, null, false))
                .isInstanceOf(KeyCeremonyException.class)
                .hasMessageContaining("aborted");
        assertThat(KeyStoreKeySet.open(storePath, STORE_PASSWORD.clone()).has("MPK"))
                .isFalse();
    }

    @Test
    void resultNotMatchingTheExpectedCheckValue_isRefused() {
        byte[] mpk = KeySet.demo().key("MPK");
        List<byte[]> c = split(mpk, 2);
        byte[] other = c.get(1).clone();
        other[15] ^= (byte) 0x80;
        Script s = new Script().add("cust1", c.get(0)).add("cust2", other); // consistent sheet, wrong component
        assertThatThrownBy(() -> f.tool.keyCeremony()
                        .run(f.supervisor, store, storePath, "MPK", 2, s, CardCrypto.keyCheckValue(mpk), false))
                .hasMessageContaining("is not the expected " + CardCrypto.keyCheckValue(mpk));
        assertThat(KeyStoreKeySet.open(storePath, STORE_PASSWORD.clone()).has("MPK"))
                .isFalse();
    }

    @Test
    void custodians_mustBeDifferentKeyCustodians_andNotTheSupervisor() {
        byte[] key = KeySet.demo().key("MTK");
        List<byte[]> c = split(key, 2);
        Script s = new Script()
                .add("clerk", c.get(0))
                .add("sup", c.get(0))
                .add("cust1", c.get(0))
                .add("cust1", c.get(1))
                .add("cust3", c.get(1));
        f.tool.keyCeremony().run(f.supervisor, store, storePath, "MTK", 2, s, CardCrypto.keyCheckValue(key), false);
        assertThat(s.refused).hasSize(3);
        assertThat(s.refused.get(0)).contains("not a key custodian");
        assertThat(s.refused.get(1)).contains("dual control");
        assertThat(s.refused.get(2)).contains("split knowledge");
    }

    @Test
    void existingKey_isReplacedOnlyWhenAskedTo_andOnlyIssuerKeysAreLoaded() {
        byte[] key = KeySet.demo().key("MAMK");
        List<byte[]> c = split(key, 2);
        f.tool.keyCeremony()
                .run(
                        f.supervisor,
                        store,
                        storePath,
                        "MAMK",
                        2,
                        new Script().add("cust1", c.get(0)).add("cust2", c.get(1)),
                        null,
                        false);
        assertThatThrownBy(() ->
                        f.tool.keyCeremony().run(f.supervisor, store, storePath, "MAMK", 2, new Script(), null, false))
                .hasMessageContaining("already holds MAMK");
        assertThatThrownBy(() ->
                        f.tool.keyCeremony().run(f.supervisor, store, storePath, "DPK", 2, new Script(), null, false))
                .hasMessageContaining("not an issuer master key");
        assertThatThrownBy(
                        () -> f.tool.keyCeremony().run(f.clerk, store, storePath, "MPK", 2, new Script(), null, false))
                .isInstanceOf(org.citycard.issuance.staff.AccessDeniedException.class);
        assertThatThrownBy(() ->
                        f.tool.keyCeremony().run(f.supervisor, store, storePath, "MPK", 4, new Script(), null, false))
                .hasMessageContaining("2 or 3 components");
    }

    @Test
    void malformedComponent_isRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> KeyCeremony.parseComponent("0123456789ABCDEFG0123456789ABCDE".toCharArray()))
                .hasMessageContaining("32 hex digits")
                .hasMessageNotContaining("0123456789");
        assertThatThrownBy(() -> KeyCeremony.parseComponent(new char[32])).hasMessageContaining("value not shown");
        assertThat(KeyCeremony.parseComponent("0123 4567 89AB CDEF FEDC BA98 7654 3210".toCharArray()))
                .isEqualTo(KeySet.demo().key("MPK"));
    }

    @Test
    void keyStore_isNeverOverwritten_andNeedsALongPassword() throws Exception {
        assertThatThrownBy(() -> f.tool.keyStores().create(f.supervisor, storePath, STORE_PASSWORD.clone()))
                .hasMessageContaining("never overwritten");
        assertThatThrownBy(() -> f.tool.keyStores().create(f.supervisor, dir.resolve("b.bcfks"), "short".toCharArray()))
                .hasMessageContaining("at least 12");
        assertThat(Files.exists(dir.resolve("b.bcfks"))).isFalse();
    }

    @Test
    void demoKeySet_isOpenedOnlyByName_andAudited() {
        KeySet demo = f.tool.keyStores().open(f.operator, "demo", null);
        assertThat(demo.isDemo()).isTrue();
        assertThat(f.tool.audit().list(null, null, 1).get(0).action())
                .isEqualTo(org.citycard.issuance.audit.AuditAction.KEY_SET_DEMO);
        KeySet fromStore = f.tool.keyStores().open(f.operator, storePath.toString(), STORE_PASSWORD.clone());
        assertThat(fromStore.isDemo()).isFalse();
    }
}
