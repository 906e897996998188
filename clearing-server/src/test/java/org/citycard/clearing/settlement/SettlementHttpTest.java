package org.citycard.clearing.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.bankfile.BankFile;
import org.citycard.clearing.bankfile.BankFileRepository;
import org.citycard.clearing.bankfile.BankFileWriter;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The day-close, bank-file, refund and kiosk endpoints over HTTP with the real security: ADMIN closes and uploads
 * status reports, files download byte for byte, refund answers in the issuance tool's shape, the kiosk reads a
 * citizen's social-security summary only as an authenticated terminal and only for the card's holder.
 */
class SettlementHttpTest extends DayCloseContext {
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    TestRestTemplate http;

    @Autowired
    BankFileRepository bankFiles;

    @Autowired
    CityCardProperties properties;

    @Autowired
    TerminalKeyService terminalKeys;

    TestRestTemplate admin;
    SettlementFixture f;

    @BeforeEach
    void login() {
        String name = "close" + TestData.unique();
        admin = http.withBasicAuth(name, staffUser(name, "ADMIN", "STAFF"));
        f = fixture();
    }

    @Test
    void closeThroughTheApi_listAndDownloadTheFiles_andRefuseABadStatusReport() throws Exception {
        String day = f.newDay();
        String dept = f.department(SettlementFixture.BANK_B, 25);
        String terminal = f.terminal(dept);
        HostCardModel card = f.card(20_000, terminal, dept);
        f.upload(terminal, f.purchase(card, 4_321, terminal, dept));

        ResponseEntity<Map<String, Object>> closed =
                admin.exchange("/api/v1/days/" + day + "/close", HttpMethod.POST, null, JSON);

        assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(closed.getBody()).containsEntry("gross", 4_321).containsEntry("rerun", false);
        assertThat(http.postForEntity("/api/v1/days/" + day + "/close", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        BankFile file = bankFiles.filesOf(day).get(0);
        ResponseEntity<byte[]> pain = admin.getForEntity(
                "/api/v1/bank-files/" + file.messageId() + "/files/" + BankFileWriter.painName(file.messageId()),
                byte[].class);
        assertThat(pain.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pain.getBody())
                .isEqualTo(Files.readAllBytes(properties
                        .dataDir()
                        .resolve(file.folder())
                        .resolve(BankFileWriter.painName(file.messageId()))));
        assertThat(admin.getForEntity("/api/v1/bank-files/" + file.messageId() + "/files/..%2Fsecret", String.class)
                        .getStatusCode())
                .isIn(HttpStatus.NOT_FOUND, HttpStatus.BAD_REQUEST);
        assertThat(admin.getForObject("/api/v1/bank-files", String.class)).contains(file.messageId());

        HttpHeaders xml = new HttpHeaders();
        xml.setContentType(MediaType.APPLICATION_XML);
        ResponseEntity<Map<String, Object>> bad = admin.exchange(
                "/api/v1/bank-files/status", HttpMethod.POST, new HttpEntity<>("<oops".getBytes(), xml), JSON);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().get("rule").toString()).contains("not well-formed XML");
        ResponseEntity<Map<String, Object>> ok = admin.exchange(
                "/api/v1/bank-files/status",
                HttpMethod.POST,
                new HttpEntity<>(
                        new Pain002("H" + file.messageId(), file.messageId())
                                .group("ACSC")
                                .bytes(),
                        xml),
                JSON);
        assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ok.getBody()).containsEntry("accepted", 1).containsEntry("fileStatus", "ACCEPTED");
    }

    @Test
    void banks_areManagedByAdministrators_withTheirBicChecked() {
        assertThat(admin.getForObject("/api/v1/banks", String.class)).contains(SettlementFixture.BANK_A);
        ResponseEntity<Map<String, Object>> bad = admin.exchange(
                "/api/v1/banks",
                HttpMethod.POST,
                new HttpEntity<>(Map.of(
                        "bankCode", "103100000026",
                        "name", "中国农业银行",
                        "bic", "abc",
                        "settlementAccount", "1234567890",
                        "settlementAccountName", "城市一卡通清算中心")),
                JSON);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).containsEntry("field", "bic");

        // issue 16: the manifest signatures a bank gets, checked; the bank table unchanged by a refusal
        ResponseEntity<Map<String, Object>> rsa = admin.exchange(
                "/api/v1/banks",
                HttpMethod.POST,
                new HttpEntity<>(Map.of(
                        "bankCode", "103100000026",
                        "name", "中国农业银行",
                        "bic", "ABOCCNBJXXX",
                        "settlementAccount", "1234567890",
                        "settlementAccountName", "城市一卡通清算中心",
                        "manifestSignatures", "RSA")),
                JSON);
        assertThat(rsa.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rsa.getBody()).containsEntry("field", "manifestSignatures").containsEntry("value", "RSA");
        assertThat(admin.getForObject("/api/v1/banks", String.class)).doesNotContain("103100000026");
        assertThat(admin.getForObject("/api/v1/banks/" + SettlementFixture.BANK_A, String.class))
                .contains("\"manifestSignatures\":\"ED25519\"");
    }

    @Test
    void refund_answersInTheIssuanceToolsShape() {
        f.newDay();
        String dept = f.department(SettlementFixture.BANK_A, 0);
        String terminal = f.terminal(dept);
        HostCardModel card = f.card(700, terminal, dept);
        f.reference.changeState(card.asn(), CardStates.code("CANCELLED"));

        ResponseEntity<Map<String, Object>> r = admin.exchange(
                "/api/v1/cards/" + card.asn() + "/refund",
                HttpMethod.POST,
                new HttpEntity<>(Map.of(
                        "bankCode", SettlementFixture.BANK_A,
                        "accountNumber", "6217000010001234567",
                        "accountName", "张三")),
                JSON);

        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody()).containsEntry("status", "PENDING").containsEntry("amount", 0);
        assertThat(r.getBody().get("reason").toString()).contains("records-wait");
        ResponseEntity<Map<String, Object>> move = admin.exchange(
                "/api/v1/cards/" + card.asn() + "/replacement",
                HttpMethod.POST,
                new HttpEntity<>(Map.of("newAsn", "31990000000000000001")),
                JSON);
        assertThat(move.getStatusCode()).isIn(HttpStatus.CONFLICT, HttpStatus.NOT_FOUND);
    }

    // ------------------------------------------------------------------ kiosk

    /** The query string of a card-present query: a fresh challenge, answered as the card {@code asn} would. */
    String present(String terminal, String asn) {
        ResponseEntity<Map<String, Object>> c = asTerminal(terminal, "/api/v1/terminal/challenges", HttpMethod.POST);
        assertThat(c.getStatusCode()).isEqualTo(HttpStatus.OK);
        String challenge = (String) c.getBody().get("challenge");
        org.citycard.dictionary.crypto.CardCrypto crypto = org.citycard.dictionary.crypto.CardCrypto.tdes();
        byte[] diak =
                crypto.cardKey(org.citycard.dictionary.crypto.KeySet.demo().key("MIAK"), asn);
        String cryptogram = java.util.HexFormat.of()
                .formatHex(crypto.internalAuthenticate(
                        diak, java.util.HexFormat.of().parseHex(challenge)));
        return "?asn=" + asn + "&challenge=" + challenge + "&cryptogram=" + cryptogram;
    }

    ResponseEntity<Map<String, Object>> asTerminal(String terminal, String path) {
        return asTerminal(terminal, path, HttpMethod.GET);
    }

    ResponseEntity<Map<String, Object>> asTerminal(String terminal, String path, HttpMethod method) {
        HttpHeaders h = org.citycard.clearing.testing.TestTerminalKeys.signed(
                terminalKeys, terminal, method.name(), path, f.clock.instant().getEpochSecond());
        return http.exchange(path, method, new HttpEntity<>(h), JSON);
    }

    @Test
    void theKiosk_readsTheHoldersSummary_asAnAuthenticatedTerminal_forTheHoldersCardOnly() {
        f.newDay();
        String dept = f.department(SettlementFixture.BANK_A, 0);
        String kiosk = f.terminal(dept);
        String citizen = org.citycard.clearing.socialsecurity.KioskFiles.citizen((int) (TestData.unique() % 900) + 50);
        String asn = "3188" + String.format("%016d", TestData.unique());
        f.reference.registerCard(new Card(asn, CardStates.ACTIVE, null), 0, citizen);
        String other = "3188" + String.format("%016d", TestData.unique());
        f.reference.registerCard(new Card(other, CardStates.ACTIVE, null), 0);
        HttpHeaders octet = new HttpHeaders();
        octet.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        ResponseEntity<Map<String, Object>> imported = admin.exchange(
                "/api/v1/social-security/imports?name=kiosk.txt",
                HttpMethod.POST,
                new HttpEntity<>(
                        org.citycard.dictionary.exchange.FileMac.seal(
                                org.citycard.clearing.socialsecurity.KioskFiles.file(citizen),
                                context.getBean(org.citycard.clearing.exchange.FileKeys.class)
                                        .issue("SOCSEC01")
                                        .keyBytes()),
                        octet),
                JSON);
        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(imported.getBody()).containsEntry("contributions", 2).containsEntry("rejected", 0);

        String path = "/api/v1/terminal/cardholder/social-security";
        ResponseEntity<Map<String, Object>> summary = asTerminal(kiosk, path + present(kiosk, asn));

        assertThat(summary.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(summary.getBody()).containsKeys("citizen", "card", "contributions", "medicalAccount");
        assertThat((List<?>) summary.getBody().get("contributions")).hasSize(2);
        assertThat(summary.getBody().get("medicalAccount").toString()).contains("balance=9000");
        assertThat(summary.getBody().get("card").toString()).contains("state=60", "Active");
        assertThat(summary.getBody().get("citizen").toString()).doesNotContain(citizen);
        assertThat(asTerminal(kiosk, path).getStatusCode())
                .as("no card, no answer")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(asTerminal(kiosk, path + present(kiosk, other)).getStatusCode())
                .as("another's card: the one answer for every refusal")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(asTerminal(kiosk, "/api/v1/terminal/cardholder/medical-account" + present(kiosk, asn))
                        .getBody())
                .containsEntry("balance", 9_000);
        assertThat(http.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(admin.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
