package org.citycard.clearing.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.citycard.clearing.iso.IsoServer;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.security.TerminalMacFilter;
import org.citycard.clearing.support.MutableClock;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.clearing.testing.TerminalClient;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.TerminalKey;
import org.citycard.dictionary.iso8583.MessageMacs;
import org.citycard.dictionary.iso8583.TerminalAnswerMac;
import org.citycard.dictionary.iso8583.TerminalRequestMac;
import org.citycard.dictionary.record.WorkingKeyBlock;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SM4 terminals (issue 16): a terminal whose TMK is SM4 ({@code POST /api/v1/terminals/{id}/keys} with {@code "alg":
 * "sm4"}, {@code ./citycard server terminal-keys --alg sm4}) signs on with its SM4 SOK, gets an SM4 TAK under its TMK,
 * and every ISO 8583 message and REST request it sends carries the SM4 message MAC (the leftmost 8 bytes of the SM4
 * CBC-MAC); the server answers in kind. Same server and real keys as {@link TerminalKeyHierarchyTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({MutableClock.Config.class, TerminalKeyHierarchyTest.RealKeys.class})
class Sm4TerminalKeysTest {
    static final String PASSWORD = "terminal store secret";

    @Autowired
    IsoServer server;

    @Autowired
    ReferenceService reference;

    @Autowired
    MutableClock clock;

    @Autowired
    HostKeys hostKeys;

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
        // the generated password may only be changed (issue 15): whichever test comes first changes it
        admin = http.withBasicAuth(
                "admin", org.citycard.clearing.support.InitialAdmin.password(http, TestData.DATA_DIR));
        department = new TestData(reference).department(30);
        clock.set(java.time.Instant.now());
    }

    TerminalKey issued(String terminalId, String alg) throws Exception {
        ResponseEntity<byte[]> r = admin.exchange(
                "/api/v1/terminals/" + terminalId + "/keys",
                HttpMethod.POST,
                new HttpEntity<>(Map.of("password", PASSWORD, "alg", alg)),
                byte[].class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        Path file = dir.resolve(terminalId + ".bcfks");
        Files.write(file, r.getBody());
        TerminalKey key = TerminalKey.open(file, PASSWORD.toCharArray(), terminalId);
        assertThat(r.getHeaders().getFirst("X-CityCard-Key-Check-Value")).isEqualTo(key.checkValue());
        return key;
    }

    static ISOMsg echo(TerminalClient t) throws Exception {
        ISOMsg m = t.message("0800");
        m.set(11, t.nextStan());
        m.set(70, "301");
        return m;
    }

    @Test
    void anSm4Terminal_signsOn_getsAnSm4WorkingKey_andMacsEveryMessageWithSm4() throws Exception {
        String id = new TestData(reference).terminal(department);
        TerminalKey key = issued(id, "sm4");
        assertThat(key.algorithm()).isEqualTo(Algorithm.SM4);
        assertThat(key.checkValue()).isEqualTo(CardCrypto.sm4().checkValue(key.tmk()));
        try (TerminalClient t = new TerminalClient("127.0.0.1", server.port(), key, department)) {
            ISOMsg signOn = t.signOn();
            assertThat(signOn.getString(39)).isEqualTo("00");
            assertThat(t.answerAuthentic(signOn)).isTrue();
            byte[] tak = t.tak();
            WorkingKeyBlock block = WorkingKeyBlock.decode(signOn.getBytes(48));
            assertThat(block.open(Algorithm.SM4, key.tmk())).isEqualTo(tak);
            assertThat(block.checkValueHex()).isEqualTo(CardCrypto.sm4().checkValue(tak));

            ISOMsg ok = echo(t);
            ok.setPackager(t.packager());
            byte[] packed = MessageMacs.signAndPack(ok, CardCrypto.sm4().prepareMacKey(tak));
            // the MAC field: the leftmost 8 bytes of SM4-CBC-MAC(TAK) over the message without it
            assertThat(Arrays.copyOfRange(packed, packed.length - 8, packed.length))
                    .isEqualTo(CardCrypto.sm4().messageMac(tak, Arrays.copyOf(packed, packed.length - 8)));
            ISOMsg answer = t.exchangeUnsigned(ok);
            assertThat(answer.getString(39)).isEqualTo("00");
            assertThat(t.answerAuthentic(answer)).isTrue();

            // the same TAK bytes used as a 3DES key: refused
            ISOMsg asTdes = echo(t);
            MessageMacs.sign(asTdes, tak);
            assertThat(t.exchangeUnsigned(asTdes).getString(39)).isEqualTo("63");
        }
        Map<String, Object> row = jdbc.sql("SELECT algorithm, tmk_check_value FROM terminal_key WHERE terminal_id = ?")
                .param(id)
                .query()
                .singleRow();
        Map<String, Object> lower = new java.util.HashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        assertThat(lower.get("algorithm").toString()).isEqualTo("04");
        assertThat(lower.get("tmk_check_value").toString()).isEqualTo(key.checkValue());
    }

    @Test
    void anSm4Terminals_restRequests_carryTheSm4Mac_andItsAnswersAreSm4Maced() throws Exception {
        String id = new TestData(reference).terminal(department);
        TerminalKey key = issued(id, "SM4");
        try (TerminalClient t = new TerminalClient("127.0.0.1", server.port(), key, department)) {
            byte[] tak = t.tak();
            String path = "/api/v1/terminal/parameters";
            long time = clock.instant().getEpochSecond();
            ResponseEntity<String> ok =
                    get(id, time, path, TerminalRequestMac.mac(Algorithm.SM4, tak, "GET", path, time, id));
            assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(TerminalAnswerMac.verify(
                            Algorithm.SM4,
                            tak,
                            200,
                            "GET",
                            path,
                            time,
                            id,
                            ok.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            ok.getHeaders().getFirst(TerminalAnswerMac.MAC)))
                    .isTrue();

            ResponseEntity<String> tdes = get(id, time, path, TerminalMacFilter.mac(tak, "GET", path, time, id));
            assertThat(tdes.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void a3desTerminal_staysA3desTerminal_andAnUnknownAlgorithmIsRefusedByName() throws Exception {
        String id = new TestData(reference).terminal(department);
        TerminalKey key = issued(id, "3des");
        assertThat(key.algorithm()).isEqualTo(Algorithm.TDES);
        try (TerminalClient t = new TerminalClient("127.0.0.1", server.port(), key, department)) {
            assertThat(t.signOn().getString(39)).isEqualTo("00");
            assertThat(t.exchange(echo(t)).getString(39)).isEqualTo("00");
        }
        ResponseEntity<String> bad = admin.exchange(
                "/api/v1/terminals/" + id + "/keys",
                HttpMethod.POST,
                new HttpEntity<>(Map.of("password", PASSWORD, "alg", "aes")),
                String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("alg").contains("aes").contains("sm4");
        // nothing changed: the terminal still signs on with its 3DES store
        try (TerminalClient t = new TerminalClient("127.0.0.1", server.port(), key, department)) {
            assertThat(t.signOn().getString(39)).isEqualTo("00");
        }
    }

    @Test
    void aServerWhoseKeySetHoldsNoSm4Keys_refusesAnSm4CardsLoad63_andQuarantinesItsRecords() throws Exception {
        assertThat(hostKeys.supports(Algorithm.SM4)).isFalse();
        TestData data = new TestData(reference);
        String id = data.terminal(department);
        TerminalKey key = issued(id, "sm4");
        HostCardModel card = new HostCardModel(
                org.citycard.dictionary.crypto.KeySet.demo(), Algorithm.SM4, data.card(Algorithm.SM4), 0, 0, 0);
        try (TerminalClient t = new TerminalClient("127.0.0.1", server.port(), key, department)) {
            assertThat(t.signOn().getString(39)).isEqualTo("00");
            String[] now = TestData.dateTime(0);
            ISOMsg auth =
                    t.authorise(card.asn(), 1_000, t.nextStan(), now[0], now[1], card.initializeForLoad(1_000, id));
            assertThat(auth.getString(39)).isEqualTo("63");
            assertThat(auth.hasField(48)).isFalse();
            card = new HostCardModel(
                    org.citycard.dictionary.crypto.KeySet.demo(), Algorithm.SM4, card.asn(), 1_000, 0, 0);
            ISOMsg batch = t.upload("000001", card.purchase(100, id, 1, now[0], now[1], department, ""));
            assertThat(TerminalClient.results(batch)).containsExactly("Q1");
        }
        assertThat(jdbc.sql("SELECT detail FROM quarantine WHERE asn = ?")
                        .param(card.asn())
                        .query(String.class)
                        .single())
                .isEqualTo("TAC cannot be verified: the server's key set holds no SM4 MTK (algorithm 04)");
    }

    ResponseEntity<String> get(String terminalId, long time, String path, String mac) {
        HttpHeaders h = new HttpHeaders();
        h.set(TerminalMacFilter.TERMINAL, terminalId);
        h.set(TerminalMacFilter.TIME, Long.toString(time));
        h.set(TerminalMacFilter.MAC, mac);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(h), String.class);
    }
}
