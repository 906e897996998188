package org.citycard.clearing.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.citycard.clearing.crypto.HostKeys;
import org.citycard.clearing.ingest.BatchUpload;
import org.citycard.clearing.ingest.IngestService;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.security.TerminalMacFilter;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.crypto.KeySet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The REST API over HTTP with the real security: roles, the first administrator from the data directory, 400s
 * that name field, value and rule without changing anything, transactions with their TAC inputs, the quarantine,
 * shadow accounts, the terminal's MAC-authenticated hotlist download, OpenAPI and health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RestApiTest {
    static final KeySet KEYS = KeySet.demo();
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST =
            new ParameterizedTypeReference<>() {};

    @Autowired
    TestRestTemplate http;

    @Autowired
    ReferenceService reference;

    @Autowired
    IngestService ingest;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    HostKeys hostKeys;

    @Autowired
    org.citycard.clearing.crypto.TerminalKeyService terminalKeys;

    TestRestTemplate admin;

    @BeforeEach
    void login() throws Exception {
        // the generated password may only be changed (issue 15): the first test changes it, the others use the new one
        admin = http.withBasicAuth(
                "admin", org.citycard.clearing.support.InitialAdmin.password(http, TestData.DATA_DIR));
    }

    @Test
    void withoutCredentials_everyApiCallIsRefused_butHealthAndOpenApiArePublic() {
        assertThat(http.getForEntity("/api/v1/departments", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/api/v1/health", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody()).contains("/api/v1/transactions", "/api/v1/quarantine", "/api/v1/hotlist");
    }

    @Test
    void staffRead_butOnlyAdministratorsChange() {
        assertThat(admin.postForEntity(
                                "/api/v1/admin/users",
                                Map.of(
                                        "username",
                                        "clerk" + TestData.unique(),
                                        "password",
                                        "a long enough secret",
                                        "roles",
                                        List.of("STAFF")),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String clerk = "reader" + TestData.unique();
        admin.postForEntity(
                "/api/v1/admin/users",
                Map.of("username", clerk, "password", "another long secret", "roles", List.of("STAFF")),
                String.class);
        // the password the administrator gave may only be changed (issue 15)
        assertThat(http.withBasicAuth(clerk, "another long secret")
                        .postForEntity(
                                "/api/v1/staff/me/password",
                                Map.of("current", "another long secret", "new", "the reader's own password"),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        TestRestTemplate staff = http.withBasicAuth(clerk, "the reader's own password");

        assertThat(staff.getForEntity("/api/v1/departments", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(staff.postForEntity("/api/v1/departments", department("0999", 10), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(staff.getForEntity("/api/v1/admin/users", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.withBasicAuth(clerk, "wrong password")
                        .getForEntity("/api/v1/departments", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void badJson_isRefusedWithFieldValueAndRule_andNothingChanges() {
        String code = String.format("%04d", TestData.unique() % 10_000);
        ResponseEntity<Map<String, Object>> badCategory = post("/api/v1/departments", withCategory(code, "77"));
        assertThat(badCategory.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badCategory.getBody()).containsEntry("field", "category").containsEntry("value", "77");
        assertThat((String) badCategory.getBody().get("rule")).contains("department-category");

        ResponseEntity<Map<String, Object>> badCode = post("/api/v1/departments", department("12a4", 10));
        assertThat(badCode.getBody()).containsEntry("field", "code").containsEntry("value", "12a4");

        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map<String, Object>> wrongType = admin.exchange(
                "/api/v1/departments",
                HttpMethod.POST,
                new HttpEntity<>("{\"code\":\"" + code + "\",\"feeRateBp\":\"lots\"}", h),
                JSON);
        assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(wrongType.getBody()).containsEntry("field", "feeRateBp").containsEntry("value", "lots");

        ResponseEntity<Map<String, Object>> unknown = admin.exchange(
                "/api/v1/departments",
                HttpMethod.POST,
                new HttpEntity<>("{\"code\":\"" + code + "\",\"colour\":\"red\"}", h),
                JSON);
        assertThat(unknown.getBody()).containsEntry("field", "colour");

        ResponseEntity<Map<String, Object>> broken =
                admin.exchange("/api/v1/departments", HttpMethod.POST, new HttpEntity<>("{\"code\": ", h), JSON);
        assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(broken.getBody()).containsEntry("error", "malformed JSON");

        ResponseEntity<Map<String, Object>> badFee = post("/api/v1/departments", department(code, 20_000));
        assertThat(badFee.getBody()).containsEntry("field", "feeRateBp").containsEntry("value", "20000");

        assertThat(admin.getForEntity("/api/v1/departments/" + code, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void referenceData_transactionsWithTacInputs_quarantine_andShadowAccount() {
        String code = String.format("%04d", TestData.unique() % 10_000);
        assertThat(post("/api/v1/departments", department(code, 30)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String terminalId = String.format("%012d", TestData.unique());
        assertThat(post(
                                "/api/v1/terminals",
                                Map.of(
                                        "terminalId",
                                        terminalId,
                                        "departmentCode",
                                        code,
                                        "psamSerial",
                                        String.format("%020d", TestData.unique()),
                                        "terminalType",
                                        "01"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String asn = "3100" + String.format("%016d", TestData.unique());
        assertThat(post("/api/v1/cards", Map.of("asn", asn)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        // a card that already holds 1,000 fen from a load the test does not go through: its first record is a
        // chain break, its forged second a TAC failure
        HostCardModel card = new HostCardModel(KEYS, asn, 1_000, 0, 0);
        String[] now = TestData.dateTime(0);
        byte[] r = card.purchase(100, terminalId, 7, now[0], now[1], code, "");
        byte[] forged = card.purchase(100, terminalId, 8, now[0], now[1], code, "");
        forged[40] ^= 1;
        ingest.ingest(new BatchUpload(terminalId, "000001", "000001", 2, concat(r, forged)));

        ResponseEntity<List<Map<String, Object>>> q =
                admin.exchange("/api/v1/quarantine?asn=" + asn, HttpMethod.GET, null, JSON_LIST);
        assertThat(q.getBody())
                .extracting(m -> m.get("reason"))
                .containsExactlyInAnyOrder("BALANCE_CHAIN", "TAC_INVALID");

        ResponseEntity<Map<String, Object>> account =
                admin.exchange("/api/v1/cards/" + asn + "/account", HttpMethod.GET, null, JSON);
        assertThat(account.getBody()).containsEntry("floatBalance", 0).containsEntry("heldRecords", 1);

        assertThat(admin.getForEntity("/api/v1/cards/" + asn + "/account?x=1", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<Map<String, Object>> badAsn =
                admin.exchange("/api/v1/cards/12/account", HttpMethod.GET, null, JSON);
        assertThat(badAsn.getBody()).containsEntry("field", "asn");

        ResponseEntity<Map<String, Object>> totals =
                admin.exchange("/api/v1/days/" + now[0] + "/totals", HttpMethod.GET, null, JSON);
        assertThat(totals.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void acceptedTransactions_carryTheInputsToReverifyTheirTac() {
        TestData data = new TestData(reference);
        String dept = data.department(0);
        String terminalId = data.terminal(dept);
        String asn = data.card();
        // the card's only money comes through a load, as in life
        HostCardModel card = new HostCardModel(KEYS, asn, 0, 0, 0);
        org.citycard.clearing.load.LoadMessages.AuthorisationAnswer a =
                loads.authorise(new org.citycard.clearing.load.LoadMessages.Authorisation(
                        terminalId,
                        "000001",
                        asn,
                        "600000",
                        500,
                        TestData.dateTime(0)[0],
                        TestData.dateTime(0)[1],
                        dept,
                        card.initializeForLoad(500, terminalId)));
        completion.complete(new org.citycard.clearing.load.LoadMessages.Completion(
                terminalId, "000001", TestData.dateTime(0)[0], asn, 500, a.rrn(), card.creditForLoad(a.hostData())));
        String[] now = TestData.dateTime(0);
        byte[] r = card.purchase(120, terminalId, 1, now[0], now[1], dept, "LIB-9");
        ingest.ingest(new BatchUpload(terminalId, "000001", "000001", 1, r));

        ResponseEntity<Map<String, Object>> tx =
                admin.exchange("/api/v1/cards/" + asn + "/transactions", HttpMethod.GET, null, JSON);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> purchases =
                (List<Map<String, Object>>) tx.getBody().get("purchases");
        assertThat(purchases).hasSize(1);
        Map<String, Object> p = purchases.get(0);
        assertThat(p)
                .containsEntry("tac", org.citycard.dictionary.codec.Hex.of(java.util.Arrays.copyOfRange(r, 38, 42)));
        byte[] input = org.citycard.dictionary.codec.Hex.parse((String) p.get("tacInput"));
        byte[] recomputed = org.citycard.dictionary.crypto.CardCrypto.tdes()
                .mac(org.citycard.dictionary.crypto.CardCrypto.tdes().tacKey(hostKeys.dtk(asn)), input);
        assertThat(org.citycard.dictionary.codec.Hex.of(recomputed)).isEqualTo(p.get("tac"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> loadViews =
                (List<Map<String, Object>>) tx.getBody().get("loads");
        assertThat(loadViews).singleElement().satisfies(l -> assertThat(l).containsEntry("status", "COMPLETED"));
    }

    /** A new card, put on the hotlist. */
    private String listedCard(TestData data) {
        String asn = data.card();
        assertThat(post("/api/v1/hotlist", Map.of("asn", asn, "reason", "reported lost"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return asn;
    }

    @Test
    void terminalsDownloadTheHotlist_withTheirMac_andNothingElse() {
        TestData data = new TestData(reference);
        String terminalId = data.terminal(data.department(0));
        String asn = listedCard(data);

        long time = java.time.Instant.now().getEpochSecond();
        String path = "/api/v1/terminal/hotlist";
        HttpHeaders h = signed(terminalId, path, time);
        ResponseEntity<Map<String, Object>> list = http.exchange(path, HttpMethod.GET, new HttpEntity<>(h), JSON);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        @SuppressWarnings("unchecked")
        List<String> asns = (List<String>) list.getBody().get("asns");
        assertThat(asns).contains(asn);

        h.set(TerminalMacFilter.MAC, "0000000000000000");
        assertThat(http.exchange(path, HttpMethod.GET, new HttpEntity<>(h), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        h.set(
                TerminalMacFilter.MAC,
                TerminalMacFilter.mac(
                        org.citycard.clearing.testing.TestTerminalKeys.tak(terminalKeys, terminalId),
                        "GET",
                        "/api/v1/departments",
                        time,
                        terminalId));
        assertThat(http.exchange("/api/v1/departments", HttpMethod.GET, new HttpEntity<>(h), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void terminalsDownloadTheWholeHotlistInItsCompactForm_macedLikeTheJson() {
        TestData data = new TestData(reference);
        String terminalId = data.terminal(data.department(0));
        String asn = listedCard(data);
        long time = java.time.Instant.now().getEpochSecond();
        String path = "/api/v1/terminal/hotlist/compact";
        byte[] tak = org.citycard.clearing.testing.TestTerminalKeys.tak(terminalKeys, terminalId);
        HttpHeaders h = signed(terminalId, path, time, tak); // one sign-on: the answer is MACed under this TAK
        h.setAccept(List.of(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM));
        ResponseEntity<byte[]> answer = http.exchange(path, HttpMethod.GET, new HttpEntity<>(h), byte[].class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType())
                .isEqualTo(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM);
        byte[] body = answer.getBody();
        assertThat(org.citycard.dictionary.iso8583.TerminalAnswerMac.verify(
                        tak,
                        200,
                        "GET",
                        path,
                        time,
                        terminalId,
                        body,
                        answer.getHeaders().getFirst(org.citycard.dictionary.iso8583.TerminalAnswerMac.MAC)))
                .as("the answer MAC covers the bytes")
                .isTrue();
        var image = org.citycard.dictionary.format.CompactHotlist.Image.parse(body, 50_000);
        assertThat(image.list().contains(asn)).isTrue();
        assertThat(image.version()).isEqualTo(hotlistService.version());
        assertThat(image.list().size())
                .isEqualTo(hotlistService.snapshot(null).asns().size());
    }

    @Autowired
    org.citycard.clearing.reference.HotlistService hotlistService;

    /** The headers of a terminal's GET, MACed under a fresh TAK (the terminal signs on) as the filter checks them. */
    private HttpHeaders signed(String terminalId, String path, long time) {
        return signed(
                terminalId, path, time, org.citycard.clearing.testing.TestTerminalKeys.tak(terminalKeys, terminalId));
    }

    /** The headers of a terminal's GET, MACed under this TAK (its last sign-on's). */
    private static HttpHeaders signed(String terminalId, String path, long time, byte[] tak) {
        HttpHeaders h = new HttpHeaders();
        h.set(TerminalMacFilter.TERMINAL, terminalId);
        h.set(TerminalMacFilter.TIME, Long.toString(time));
        h.set(TerminalMacFilter.MAC, TerminalMacFilter.mac(tak, "GET", path, time, terminalId));
        return h;
    }

    @Autowired
    org.citycard.clearing.load.LoadAuthoriser loads;

    @Autowired
    org.citycard.clearing.load.LoadCompletion completion;

    ResponseEntity<Map<String, Object>> post(String path, Object body) {
        return admin.exchange(path, HttpMethod.POST, new HttpEntity<>(body), JSON);
    }

    static Map<String, Object> department(String code, int fee) {
        return withCategory(code, "02", fee);
    }

    static Map<String, Object> withCategory(String code, String category) {
        return withCategory(code, category, 10);
    }

    static Map<String, Object> withCategory(String code, String category, int fee) {
        return Map.of(
                "code", code,
                "name", "自来水公司",
                "category", category,
                "bankCode", "102100099996",
                "accountNumber", "6222020200112233",
                "accountName", "市自来水有限公司",
                "feeRateBp", fee);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
