package org.citycard.clearing.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.iso.IsoServer;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.security.TerminalMacFilter;
import org.citycard.clearing.support.MutableClock;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.TerminalClient;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeyStoreKeySet;
import org.citycard.dictionary.crypto.TerminalKey;
import org.citycard.dictionary.iso8583.MessageMacs;
import org.citycard.dictionary.record.WorkingKeyBlock;
import org.citycard.dictionary.validate.ValidationException;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The terminal key hierarchy (DESIGN §3.8) on a server with real keys, not the demo's: every terminal has its own
 * random TMK, handed over in a key store holding it alone; working keys come with each sign-on; nothing in one
 * terminal's store MACs for another. On the code before this change every agent derived its TAK from the master key
 * MTAK in its own key store, so any one store gave the TAK of every terminal in the city (the first test's attack).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({MutableClock.Config.class, TerminalKeyHierarchyTest.RealKeys.class})
class TerminalKeyHierarchyTest {
    static final String PASSWORD = "terminal store secret";

    @TestConfiguration(proxyBeanMethods = false)
    static class RealKeys {
        /** A server key store of random keys, as a key ceremony makes one (no demo key in it). */
        @Bean
        @Primary
        HostKeys realHostKeys() throws Exception {
            Path dir = Files.createTempDirectory("citycard-real-keys");
            Path file = dir.resolve("server.bcfks");
            char[] pw = "server store secret".toCharArray();
            KeyStoreKeySet store = KeyStoreKeySet.create(file, pw);
            SecureRandom random = new SecureRandom();
            for (String id : List.of("LMK", "MLK", "MTK", "MIAK", "MPK")) {
                byte[] k = new byte[16];
                random.nextBytes(k);
                store.put(id, k);
            }
            store.save(file);
            return new HostKeys(KeyStoreKeySet.open(file, pw));
        }
    }

    @Autowired
    IsoServer server;

    @Autowired
    ReferenceService reference;

    @Autowired
    TerminalKeyService terminalKeys;

    @Autowired
    HostKeys hostKeys;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestRestTemplate http;

    @TempDir
    Path dir;

    TestRestTemplate admin;
    String department;

    @BeforeEach
    void fixtures() throws Exception {
        assertThat(hostKeys.isDemo()).isFalse();
        // the generated password may only be changed (issue 15): the first test changes it, the others use the new one
        admin = http.withBasicAuth(
                "admin", org.citycard.clearing.support.InitialAdmin.password(http, TestData.DATA_DIR));
        department = new TestData(reference).department(30);
        clock.set(java.time.Instant.now());
    }

    /** Fetches a registered terminal's key store from the ADMIN REST call, as the card centre hands it over. */
    TerminalKey issued(String terminalId) throws Exception {
        ResponseEntity<byte[]> r = admin.exchange(
                "/api/v1/terminals/" + terminalId + "/keys",
                HttpMethod.POST,
                new HttpEntity<>(Map.of("password", PASSWORD)),
                byte[].class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        Path file = dir.resolve(terminalId + ".bcfks");
        Files.write(file, r.getBody());
        TerminalKey key = TerminalKey.open(file, PASSWORD.toCharArray(), terminalId);
        assertThat(r.getHeaders().getFirst("X-CityCard-Key-Check-Value")).isEqualTo(key.checkValue());
        return key;
    }

    String terminal() {
        return new TestData(reference).terminal(department);
    }

    TerminalClient client(TerminalKey key) throws Exception {
        return new TerminalClient("127.0.0.1", server.port(), key, department);
    }

    static ISOMsg echo(TerminalClient t) throws Exception {
        ISOMsg m = t.message("0800");
        m.set(11, t.nextStan());
        m.set(70, "301");
        return m;
    }

    @Test
    void aTerminalsKeyStore_cannotMacForAnotherTerminal() throws Exception {
        String a = terminal();
        String b = terminal();
        TerminalKey keyA = issued(a);
        TerminalKey keyB = issued(b);
        assertThat(keyA.tmk()).isNotEqualTo(keyB.tmk());

        // A's store used for B: B's sign-on MACed with A's TMK
        try (TerminalClient forger = client(TerminalKey.of(b, keyA.tmk()))) {
            ISOMsg answer = forger.signOn();
            assertThat(answer.getString(39)).isEqualTo("63");
            assertThat(answer.getBytes(128)).containsOnly(0);
            assertThat(answer.hasField(48)).isFalse();
        }
        byte[] takA;
        try (TerminalClient t = client(keyA)) {
            ISOMsg signOn = t.signOn();
            assertThat(signOn.getString(39)).isEqualTo("00");
            assertThat(t.answerAuthentic(signOn)).isTrue();
            WorkingKeyBlock block = WorkingKeyBlock.decode(signOn.getBytes(48));
            assertThatThrownBy(() -> block.open(keyB.tmk())).isInstanceOf(ValidationException.class);
            takA = t.tak();
            assertThat(t.exchange(echo(t)).getString(39)).isEqualTo("00");

            // A's working key on a message that says it is from B
            ISOMsg asB = echo(t);
            asB.set(41, b);
            MessageMacs.sign(asB, takA);
            assertThat(t.exchangeUnsigned(asB).getString(39)).isEqualTo("63");
        }
        try (TerminalClient t = client(keyB)) {
            assertThat(t.signOn().getString(39)).isEqualTo("00");
            assertThat(t.tak()).isNotEqualTo(takA);
        }
    }

    @Test
    void theDatabase_keepsTerminalKeysOnlyUnderTheLmk() throws Exception {
        String t1 = terminal();
        TerminalKey key = issued(t1);
        byte[] tak;
        try (TerminalClient t = client(key)) {
            t.signOn();
            tak = t.tak();
        }
        Map<String, Object> row = jdbc.sql("SELECT * FROM terminal_key WHERE terminal_id = ?")
                .param(t1)
                .query()
                .singleRow();
        Map<String, Object> lower = new java.util.HashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        String all = lower.values().toString().toUpperCase(java.util.Locale.ROOT);
        assertThat(all).doesNotContain(Hex.of(key.tmk())).doesNotContain(Hex.of(tak));
        assertThat(lower.get("tmk_check_value").toString()).isEqualTo(key.checkValue());
        assertThat(lower.get("tak_check_value").toString()).isEqualTo(CardCrypto.keyCheckValue(tak));
    }

    @Test
    void everySignOn_bringsANewWorkingKey_andTheOldOneNoLongerMacs() throws Exception {
        TerminalKey key = issued(terminal());
        try (TerminalClient t = client(key)) {
            t.signOn();
            byte[] first = t.tak();
            t.signOn();
            byte[] second = t.tak();
            assertThat(second).isNotEqualTo(first);

            ISOMsg old = echo(t);
            MessageMacs.sign(old, first);
            assertThat(t.exchangeUnsigned(old).getString(39)).isEqualTo("63");
        }
    }

    @Test
    void aRetiredWorkingKey_isAnsweredSignOnAgain_andANewSignOnServesOn() throws Exception {
        String id = terminal();
        TerminalKey key = issued(id);
        try (TerminalClient t = client(key)) {
            t.signOn();
            clock.set(clock.instant().plus(terminalKeys.takLifetime()).plus(Duration.ofMinutes(1)));
            ISOMsg retired = t.exchange(echo(t));
            assertThat(retired.getString(39)).isEqualTo("A0");
            assertThat(t.answerAuthentic(retired))
                    .as("A0 is MACed with the retired key")
                    .isTrue();

            ResponseEntity<String> rest = terminalGet(id, t.tak(), "/api/v1/terminal/parameters");
            assertThat(rest.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(rest.getBody()).contains("\"code\":\"A0\"");

            assertThat(t.signOn().getString(39)).isEqualTo("00");
            assertThat(t.exchange(echo(t)).getString(39)).isEqualTo("00");
            assertThat(terminalGet(id, t.tak(), "/api/v1/terminal/parameters").getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void onRealKeys_aTerminalWithoutItsOwnTmk_cannotSignOn_withTheDemoKey() throws Exception {
        String id = terminal();
        try (TerminalClient t = client(TerminalKey.demo(id))) {
            assertThat(t.signOn().getString(39)).isEqualTo("63");
        }
        byte[] anyTak = new byte[16];
        ResponseEntity<String> registered = terminalGet(id, anyTak, "/api/v1/terminal/parameters");
        ResponseEntity<String> unknown = terminalGet("999999999997", anyTak, "/api/v1/terminal/parameters");
        assertThat(registered.getBody()).contains("\"code\":\"63\"").contains("the MAC does not verify");
        assertThat(unknown.getBody())
                .as("an unknown terminal is refused as a bad MAC is")
                .isEqualTo(registered.getBody());
    }

    @Test
    void keysOnlyForRegisteredTerminals_andWithALongEnoughPassword() {
        assertThat(admin.exchange(
                                "/api/v1/terminals/999999999996/keys",
                                HttpMethod.POST,
                                new HttpEntity<>(Map.of("password", PASSWORD)),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> shortPassword = admin.exchange(
                "/api/v1/terminals/" + terminal() + "/keys",
                HttpMethod.POST,
                new HttpEntity<>(Map.of("password", "short")),
                String.class);
        assertThat(shortPassword.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(shortPassword.getBody()).contains("password").contains("8 characters or more");
        assertThat(http.exchange(
                                "/api/v1/terminals/" + terminal() + "/keys",
                                HttpMethod.POST,
                                new HttpEntity<>(Map.of("password", PASSWORD)),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    ResponseEntity<String> terminalGet(String terminalId, byte[] tak, String path) {
        long time = clock.instant().getEpochSecond();
        HttpHeaders h = new HttpHeaders();
        h.set(TerminalMacFilter.TERMINAL, terminalId);
        h.set(TerminalMacFilter.TIME, Long.toString(time));
        h.set(TerminalMacFilter.MAC, TerminalMacFilter.mac(tak, "GET", path, time, terminalId));
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(h), String.class);
    }
}
