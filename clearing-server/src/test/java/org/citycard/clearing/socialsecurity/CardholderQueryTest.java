package org.citycard.clearing.socialsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.security.Roles;
import org.citycard.clearing.security.StaffUsers;
import org.citycard.clearing.security.TerminalMacFilter;
import org.citycard.clearing.support.StaffHttp;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.TestTerminalKeys;
import org.citycard.dictionary.wire.TerminalType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A citizen's social-security records are read only with the citizen's card present (issue 15): staff at the counter
 * no longer read them by ID number over the staff API (the counter terminal asks, card present, as a kiosk does);
 * the kiosk's and counter's queries name no citizen in the URL (logs, proxies): the server takes the citizen from
 * the card whose cryptogram verified.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CardholderQueryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROOT = "/api/v1/terminal/cardholder/";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ReferenceService reference;

    @Autowired
    TerminalKeyService terminalKeys;

    @Autowired
    ExchangeFileImporter importer;

    @Autowired
    StaffUsers users;

    TestData data;
    String citizen;
    String asn;

    @BeforeEach
    void aCitizenWithACardAndRecords() {
        data = new TestData(reference);
        citizen = KioskFiles.citizen((int) (TestData.unique() % 900) + 50);
        asn = "3188" + String.format("%016d", TestData.unique());
        reference.registerCard(new Card(asn, CardStates.ACTIVE, null), 0, citizen);
        importer.importFile("holder-" + citizen + "-" + TestData.unique() + ".txt", KioskFiles.file(citizen), "test");
    }

    @Test
    void staff_cannotReadACitizensRecordsByIdNumber() {
        String clerk = "counter" + TestData.unique();
        users.add(clerk, "the counter clerk's password", List.of(Roles.STAFF));
        String admin = "super" + TestData.unique();
        users.add(admin, "the supervisor's long password", List.of(Roles.ADMIN, Roles.STAFF));

        for (StaffHttp staff : List.of(
                new StaffHttp(port, clerk, "the counter clerk's password"),
                new StaffHttp(port, admin, "the supervisor's long password"))) {
            HttpResponse<String> r = staff.send("GET", "/api/v1/citizens/" + citizen + "/social-security", null);
            assertThat(r.statusCode())
                    .as("today any staff account reads any citizen's records by ID number alone")
                    .isIn(403, 404);
            assertThat(r.body()).doesNotContain("contributions").doesNotContain("medicalAccount");
        }
    }

    @Test
    void aCounter_withTheCardPresent_getsTheHoldersSummary_noCitizenIdInTheUrl() throws Exception {
        String counter = data.terminal(data.department(0), TerminalType.COUNTER);
        String challenge = challenge(counter);
        String path = ROOT + "social-security" + present(asn, challenge);

        ResponseEntity<String> r = get(counter, path);

        assertThat(r.getStatusCode())
                .as("today the citizen must be named in the path")
                .isEqualTo(HttpStatus.OK);
        assertThat(path).doesNotContain(citizen);
        JsonNode body = JSON.readTree(r.getBody());
        assertThat(body.path("contributions").size()).isEqualTo(2);
        assertThat(body.path("card").path("asn").asText()).isEqualTo(asn);
        assertThat(body.path("citizen").asText()).doesNotContain(citizen);
    }

    @Test
    void theFourKioskCalls_takeOneRequest_andTheOldCitizenPathsAnswerNothing() {
        String kiosk = data.terminal(data.department(0), TerminalType.KIOSK);
        for (String leaf : new String[] {"social-security", "contributions", "medical-account", "card"}) {
            assertThat(get(kiosk, ROOT + leaf + "?asn=" + asn).getStatusCode())
                    .as(leaf + " without a challenge")
                    .isEqualTo(HttpStatus.BAD_REQUEST);
            String challenge = challenge(kiosk);
            assertThat(get(kiosk, ROOT + leaf + present(asn, challenge)).getStatusCode())
                    .as(leaf)
                    .isEqualTo(HttpStatus.OK);
            String again = challenge(kiosk);
            ResponseEntity<String> old =
                    get(kiosk, "/api/v1/terminal/citizens/" + citizen + "/" + leaf + present(asn, again));
            assertThat(old.getStatusCode())
                    .as("the citizen's ID in the path: " + leaf)
                    .isIn(HttpStatus.NOT_FOUND, HttpStatus.FORBIDDEN);
            assertThat(old.getBody()).doesNotContain("contributions");
        }
    }

    @Test
    void aCardWithoutAHolder_andAnotherCardsCryptogram_getTheOneAnswer() {
        String kiosk = data.terminal(data.department(0), TerminalType.KIOSK);
        String orphan = "3188" + String.format("%016d", TestData.unique());
        reference.registerCard(new Card(orphan, CardStates.ACTIVE, null), 0);
        String c1 = challenge(kiosk);
        ResponseEntity<String> noHolder = get(kiosk, ROOT + "social-security" + present(orphan, c1));
        String c2 = challenge(kiosk);
        ResponseEntity<String> wrongCard = get(
                kiosk,
                ROOT + "social-security?asn=" + asn + "&challenge=" + c2 + "&cryptogram="
                        + CardPresentQueryTest.cryptogram(orphan, c2));
        assertThat(noHolder.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(wrongCard.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(wrongCard.getBody()).isEqualTo(noHolder.getBody());
    }

    // ------------------------------------------------------------------ helpers

    static String present(String asn, String challenge) {
        return "?asn=" + asn + "&challenge=" + challenge + "&cryptogram="
                + CardPresentQueryTest.cryptogram(asn, challenge);
    }

    String challenge(String terminal) {
        String path = "/api/v1/terminal/challenges";
        ResponseEntity<String> r =
                http.exchange(path, HttpMethod.POST, new HttpEntity<>(signed(terminal, "POST", path)), String.class);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
        try {
            return JSON.readTree(r.getBody()).path("challenge").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    ResponseEntity<String> get(String terminal, String path) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(signed(terminal, "GET", path)), String.class);
    }

    HttpHeaders signed(String terminal, String method, String path) {
        long time = java.time.Instant.now().getEpochSecond();
        HttpHeaders h = new HttpHeaders();
        h.set(TerminalMacFilter.TERMINAL, terminal);
        h.set(TerminalMacFilter.TIME, Long.toString(time));
        h.set(
                TerminalMacFilter.MAC,
                TerminalMacFilter.mac(TestTerminalKeys.current(terminalKeys, terminal), method, path, time, terminal));
        return h;
    }
}
