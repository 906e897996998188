package org.citycard.issuance.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.crypto.KeyStoreKeySet;
import org.citycard.issuance.audit.AuditEntry;
import org.citycard.issuance.store.Database;
import org.citycard.issuance.support.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SM4 master keys in the issuer key store (issue 16): ceremonies that load an SM4 key from components checked by SM4
 * check values (leftmost 3 bytes of SM4-ECB(key, 16 zero bytes), computed here with Bouncy Castle's SM4Engine, itself
 * checked against GB/T 32907's example), stored under {@code <id>-sm4} beside the 3DES key of the same id; the
 * generating ceremony for both algorithms; all with real BCFKS key stores, reopened and read with the JCA.
 */
class Sm4KeyCeremonyTest {
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

    /** SM4-ECB with Bouncy Castle's engine, no CityCard code. */
    static byte[] sm4(byte[] key, byte[] block) {
        SM4Engine e = new SM4Engine();
        e.init(true, new KeyParameter(key));
        byte[] out = new byte[16];
        e.processBlock(block, 0, out, 0);
        return out;
    }

    /** The SM4 check value as issue 16 defines it, independently of the code under test. */
    static String sm4Kcv(byte[] key) {
        return HexFormat.of().withUpperCase().formatHex(sm4(key, new byte[16]), 0, 3);
    }

    @Test
    void theReferenceSm4_isGbT32907s() {
        byte[] k = HexFormat.of().parseHex("0123456789abcdeffedcba9876543210");
        assertThat(HexFormat.of().formatHex(sm4(k, k))).isEqualTo("681edf34d206965e86b3e94f536e4246");
        assertThat(KeyComponents.checkValue(Algorithm.SM4, k)).isEqualTo(sm4Kcv(k));
        // the same bytes as a 3DES key have another check value: the algorithm is part of the check
        assertThat(KeyComponents.checkValue(Algorithm.TDES, k))
                .isEqualTo(CardCrypto.keyCheckValue(k))
                .isNotEqualTo(sm4Kcv(k));
    }

    static KeyCeremonyTest.Script sm4Script(List<byte[]> components, String... users) {
        KeyCeremonyTest.Script s = new KeyCeremonyTest.Script();
        for (int i = 0; i < components.size(); i++) {
            s.add(users[i], components.get(i), sm4Kcv(components.get(i)));
        }
        return s;
    }

    @Test
    void sm4Ceremony_storesTheKeyUnderIdSm4_withSm4CheckValues_beside3desKeyOfTheSameId() throws Exception {
        byte[] sm4Mpk = KeySet.demo().key("MPK", Algorithm.SM4);
        byte[] tdesMpk = KeySet.demo().key("MPK");
        List<byte[]> c = KeyComponents.split(sm4Mpk, 3, new SecureRandom());
        KeyCeremony.Result r = f.tool.keyCeremony()
                .run(
                        f.supervisor,
                        store,
                        storePath,
                        "mpk",
                        Algorithm.SM4,
                        3,
                        sm4Script(c, "cust1", "cust2", "cust3"),
                        sm4Kcv(sm4Mpk),
                        false);
        assertThat(r.algorithm()).isEqualTo(Algorithm.SM4);
        assertThat(r.keyKcv()).isEqualTo(sm4Kcv(sm4Mpk));
        assertThat(r.componentKcvs()).containsExactly(sm4Kcv(c.get(0)), sm4Kcv(c.get(1)), sm4Kcv(c.get(2)));

        // the 3DES MPK of the same store, by the 3DES ceremony
        List<byte[]> t = KeyComponents.split(tdesMpk, 2, new SecureRandom());
        f.tool.keyCeremony()
                .run(
                        f.supervisor,
                        store,
                        storePath,
                        "MPK",
                        2,
                        new KeyCeremonyTest.Script().add("cust1", t.get(0)).add("cust2", t.get(1)),
                        CardCrypto.keyCheckValue(tdesMpk),
                        false);

        // the store, reopened with the JCA: two entries, mpk (3DES) and mpk-sm4
        KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
        try (InputStream in = Files.newInputStream(storePath)) {
            ks.load(in, STORE_PASSWORD.clone());
        }
        assertThat(java.util.Collections.list(ks.aliases())).containsExactlyInAnyOrder("mpk", "mpk-sm4");
        assertThat(ks.getKey("mpk-sm4", STORE_PASSWORD.clone()).getEncoded()).isEqualTo(sm4Mpk);
        assertThat(ks.getKey("mpk", STORE_PASSWORD.clone()).getEncoded()).isEqualTo(tdesMpk);

        KeySet reopened = KeyStoreKeySet.open(storePath, STORE_PASSWORD.clone());
        assertThat(reopened.key("MPK", Algorithm.SM4)).isEqualTo(sm4Mpk);
        assertThat(reopened.key("MPK")).isEqualTo(tdesMpk);
        assertThat(KeyStores.list(reopened, Algorithm.SM4)).anySatisfy(k -> {
            assertThat(k.keyId()).isEqualTo("MPK");
            assertThat(k.alias()).isEqualTo("mpk-sm4");
            assertThat(k.present()).isTrue();
            assertThat(k.kcv()).isEqualTo(sm4Kcv(sm4Mpk));
        });
        assertThat(KeyStores.list(reopened, Algorithm.TDES)).anySatisfy(k -> {
            assertThat(k.keyId()).isEqualTo("MPK");
            assertThat(k.kcv()).isEqualTo(CardCrypto.keyCheckValue(tdesMpk));
        });
        assertThat(KeyStores.list(reopened).stream().filter(k -> k.present()))
                .extracting(KeyStores.KeyInfo::alias)
                .containsExactly("mpk", "mpk-sm4");

        // recorded and audited with check values and the algorithm, never a component or the key
        List<String> rows = f.tool.db()
                .inTransaction(conn -> Database.query(
                        conn,
                        "SELECT key_id, key_kcv, component_kcvs FROM key_ceremony ORDER BY id",
                        rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)));
        assertThat(rows)
                .containsExactly(
                        "MPK-SM4 " + sm4Kcv(sm4Mpk) + " " + String.join(",", r.componentKcvs()),
                        "MPK " + CardCrypto.keyCheckValue(tdesMpk) + " " + CardCrypto.keyCheckValue(t.get(0)) + ","
                                + CardCrypto.keyCheckValue(t.get(1)));
        List<AuditEntry> audit = f.tool.audit().list(null, null, 10);
        assertThat(audit).anySatisfy(e -> assertThat(e.toString())
                .contains("MPK (SM4) loaded")
                .contains("alias mpk-sm4")
                .contains("key KCV " + sm4Kcv(sm4Mpk)));
        for (byte[] secret : List.of(sm4Mpk, c.get(0), c.get(1), c.get(2))) {
            String hex = HexFormat.of().formatHex(secret);
            assertThat(audit)
                    .noneSatisfy(e -> assertThat(e.toString().toLowerCase()).contains(hex));
            assertThat(rows).noneSatisfy(row -> assertThat(row.toLowerCase()).contains(hex));
        }
    }

    @Test
    void aComponentStatedWithIts3desCheckValue_isRefusedInAnSm4Ceremony() {
        byte[] key = KeySet.demo().key("MLK", Algorithm.SM4);
        List<byte[]> c = KeyComponents.split(key, 2, new SecureRandom());
        KeyCeremonyTest.Script s = new KeyCeremonyTest.Script()
                .add("cust1", c.get(0), CardCrypto.keyCheckValue(c.get(0))) // the 3DES KCV: wrong here
                .add("cust1", c.get(0), sm4Kcv(c.get(0)))
                .add("cust2", c.get(1), sm4Kcv(c.get(1)));
        KeyCeremony.Result r =
                f.tool.keyCeremony().run(f.supervisor, store, storePath, "MLK", Algorithm.SM4, 2, s, null, false);
        assertThat(s.refused).singleElement().asString().contains("does not match its check value");
        assertThat(r.keyKcv()).isEqualTo(sm4Kcv(key));
        assertThat(KeyStoreKeySet.open(storePath, STORE_PASSWORD.clone()).key("MLK", Algorithm.SM4))
                .isEqualTo(key);
    }

    @Test
    void anSm4KeyIsReplacedOnlyWhenAskedTo_andTheLmkHasNoSm4Form() {
        byte[] key = KeySet.demo().key("MTK", Algorithm.SM4);
        List<byte[]> c = KeyComponents.split(key, 2, new SecureRandom());
        f.tool.keyCeremony()
                .run(
                        f.supervisor,
                        store,
                        storePath,
                        "MTK",
                        Algorithm.SM4,
                        2,
                        sm4Script(c, "cust1", "cust2"),
                        null,
                        false);
        assertThatThrownBy(() -> f.tool.keyCeremony()
                        .run(
                                f.supervisor,
                                store,
                                storePath,
                                "MTK",
                                Algorithm.SM4,
                                2,
                                new KeyCeremonyTest.Script(),
                                null,
                                false))
                .hasMessageContaining("already holds MTK (SM4)");
        // the 3DES MTK is another key: not there yet, so not "already held"
        assertThat(store.has("MTK")).isFalse();
        assertThatThrownBy(() -> f.tool.keyCeremony()
                        .run(
                                f.supervisor,
                                store,
                                storePath,
                                "LMK",
                                Algorithm.SM4,
                                2,
                                new KeyCeremonyTest.Script(),
                                null,
                                false))
                .hasMessageContaining("LMK")
                .hasMessageContaining("no SM4 form");
        assertThat(KeyIds.of(Algorithm.SM4)).doesNotContain("LMK").contains("MPK", "MLK", "MTK", "TK");
        assertThat(KeyIds.of(Algorithm.TDES)).contains("LMK").doesNotContain("CFSK", "CFSK_SM2");
    }

    /** Custodians taking generated components: each writes down what they are shown. */
    static final class Takers implements KeyCeremony.Holders {
        final Deque<String> users = new ArrayDeque<>();
        final List<String> sheets = new ArrayList<>();
        final List<String> kcvs = new ArrayList<>();
        final List<String> refused = new ArrayList<>();

        Takers(String... users) {
            this.users.addAll(List.of(users));
        }

        @Override
        public KeyCeremony.Login custodian(String keyId, Algorithm algorithm, int index, int total) {
            return new KeyCeremony.Login(users.removeFirst(), Fixture.PASSWORD.clone());
        }

        @Override
        public void handOver(int index, String custodian, char[] componentHex, String kcv) {
            sheets.add(new String(componentHex));
            kcvs.add(kcv);
        }

        @Override
        public void refused(int index, String reason) {
            refused.add(index + ": " + reason);
        }
    }

    @Test
    void generatingCeremony_sm4And3des_componentsCombineToTheStoredKey_andLoadAgainByCeremony() {
        for (Algorithm a : Algorithm.values()) {
            Takers takers = new Takers("sup", "cust1", "cust1", "cust2", "cust3");
            KeyCeremony.Result r =
                    f.tool.keyCeremony().generate(f.supervisor, store, storePath, "MAMK", a, 3, takers, false);
            // the supervisor and a second component for cust1 are refused: dual control, split knowledge
            assertThat(takers.refused).hasSize(2);
            assertThat(takers.refused.get(0)).contains("dual control");
            assertThat(takers.refused.get(1)).contains("split knowledge");
            assertThat(r.custodians()).containsExactly("cust1", "cust2", "cust3");
            assertThat(takers.sheets).hasSize(3).doesNotHaveDuplicates();

            List<byte[]> written =
                    takers.sheets.stream().map(HexFormat.of()::parseHex).toList();
            byte[] combined = KeyComponents.combine(written);
            byte[] stored =
                    KeyStoreKeySet.open(storePath, STORE_PASSWORD.clone()).key("MAMK", a);
            assertThat(combined).isEqualTo(stored);
            String kcv = a == Algorithm.SM4 ? sm4Kcv(stored) : CardCrypto.keyCheckValue(stored);
            assertThat(r.keyKcv()).isEqualTo(kcv);
            for (int i = 0; i < 3; i++) {
                byte[] w = written.get(i);
                assertThat(takers.kcvs.get(i)).isEqualTo(a == Algorithm.SM4 ? sm4Kcv(w) : CardCrypto.keyCheckValue(w));
            }
            assertThat(r.componentKcvs()).isEqualTo(takers.kcvs);

            // the custodians' sheets load the same key into another store by the ordinary ceremony
            Path other = dir.resolve("other-" + a + ".bcfks");
            KeyStoreKeySet otherStore = f.tool.keyStores().create(f.supervisor, other, STORE_PASSWORD.clone());
            KeyCeremonyTest.Script s = new KeyCeremonyTest.Script();
            for (int i = 0; i < 3; i++) {
                s.add(r.custodians().get(i), written.get(i), takers.kcvs.get(i));
            }
            KeyCeremony.Result again =
                    f.tool.keyCeremony().run(f.supervisor, otherStore, other, "MAMK", a, 3, s, r.keyKcv(), false);
            assertThat(again.keyKcv()).isEqualTo(r.keyKcv());
            assertThat(KeyStoreKeySet.open(other, STORE_PASSWORD.clone()).key("MAMK", a))
                    .isEqualTo(stored);
            if (a == Algorithm.TDES) {
                assertThat(KeyComponents.weak(a, stored)).isFalse();
                for (byte b : stored) {
                    assertThat(Integer.bitCount(b & 0xFF) % 2).as("odd parity").isEqualTo(1);
                }
            }
        }
        // both MAMKs, different keys, in one store
        KeySet s = KeyStoreKeySet.open(storePath, STORE_PASSWORD.clone());
        assertThat(s.key("MAMK", Algorithm.SM4)).isNotEqualTo(s.key("MAMK"));
    }

    @Test
    void componentsThatCombineToAWeakKey_areRefused_andNothingIsStored() {
        byte[] c = HexFormat.of().parseHex("00112233445566778899AABBCCDDEEFF");
        KeyCeremonyTest.Script s =
                new KeyCeremonyTest.Script().add("cust1", c, sm4Kcv(c)).add("cust2", c, sm4Kcv(c));
        assertThatThrownBy(() -> f.tool.keyCeremony()
                        .run(f.supervisor, store, storePath, "TK", Algorithm.SM4, 2, s, null, false))
                .isInstanceOf(KeyCeremonyException.class)
                .hasMessageContaining("weak key");
        assertThat(KeyStoreKeySet.open(storePath, STORE_PASSWORD.clone()).has("TK", Algorithm.SM4))
                .isFalse();
    }

    @Test
    void splitAndCombine_roundTrip_andTheAlgorithmIsNamedOnTheCommandLine() {
        SecureRandom r = new SecureRandom();
        for (int n = 2; n <= 3; n++) {
            byte[] key = KeyComponents.generate(Algorithm.SM4, r);
            List<byte[]> parts = KeyComponents.split(key, n, r);
            assertThat(parts).hasSize(n);
            assertThat(KeyComponents.combine(parts)).isEqualTo(key);
        }
        assertThatThrownBy(() -> KeyComponents.split(new byte[16], 4, r)).hasMessageContaining("2 or 3");
        assertThat(KeyIds.algorithm("SM4")).isEqualTo(Algorithm.SM4);
        assertThat(KeyIds.algorithm("3des")).isEqualTo(Algorithm.TDES);
        assertThatThrownBy(() -> KeyIds.algorithm("aes"))
                .hasMessageContaining("'aes'")
                .hasMessageContaining("3des or sm4");
    }
}
