package org.citycard.clearing.socialsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HexFormat;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.security.TerminalMacFilter;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.TestTerminalKeys;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.wire.TerminalType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Card-present queries (issue 15, CARD-SPEC §4.6): a kiosk reads a citizen's social-security summary only with a
 * fresh server challenge answered by that citizen's card (INTERNAL AUTHENTICATE under DIAK = diversify(MIAK, ASN)).
 * The citizen is the card's holder (no citizen ID in the URL); "no holder", "another card's cryptogram", "bad
 * cryptogram" and "unknown card" get one and the same answer; a challenge serves once and only the terminal it was
 * given to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CardPresentQueryTest {
    static final CardCrypto CRYPTO = CardCrypto.tdes();
    static final byte[] MIAK = KeySet.demo().key("MIAK");
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    @Autowired
    ReferenceService reference;

    @Autowired
    TerminalKeyService terminalKeys;

    @Autowired
    ExchangeFileImporter importer;

    TestData data;
    String kiosk;
    String citizen;
    String asn;
    String otherCitizen;
    String otherAsn;

    @BeforeEach
    void aKioskAndTwoCitizensWithCards() {
        data = new TestData(reference);
        kiosk = data.terminal(data.department(0), TerminalType.KIOSK);
        citizen = KioskFiles.citizen((int) (TestData.unique() % 900) + 50);
        otherCitizen = KioskFiles.citizen((int) (TestData.unique() % 900) + 50);
        asn = "3189" + String.format("%016d", TestData.unique());
        otherAsn = "3189" + String.format("%016d", TestData.unique());
        reference.registerCard(new Card(asn, CardStates.ACTIVE, null), 0, citizen);
        reference.registerCard(new Card(otherAsn, CardStates.ACTIVE, null), 0, otherCitizen);
        importer.importFile("present-" + citizen + ".txt", KioskFiles.file(citizen), "test");
        importer.importFile("present-" + otherCitizen + ".txt", KioskFiles.file(otherCitizen), "test");
    }

    @Test
    void aQueryWithoutTheCardsCryptogram_isRefused_andShowsNothing() {
        ResponseEntity<String> r = get(kiosk, SUMMARY + "?asn=" + asn);

        assertThat(r.getStatusCode())
                .as("today any kiosk reads any citizen by ID number and ASN, no card needed")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(r.getBody()).doesNotContain("contributions").contains("challenge");
    }

    @Test
    void theHoldersCardAnsweringAFreshChallenge_getsTheSummary() throws Exception {
        String challenge = challenge(kiosk);

        ResponseEntity<String> r = query(kiosk, asn, challenge, cryptogram(asn, challenge));

        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = JSON.readTree(r.getBody());
        assertThat(body.path("contributions").size()).isEqualTo(2);
        assertThat(body.path("medicalAccount").path("balance").asLong()).isEqualTo(9_000);
        assertThat(body.path("card").path("asn").asText()).isEqualTo(asn);
        assertThat(body.path("citizen").asText()).doesNotContain(citizen);
    }

    @Test
    void aReplayedChallengeAndCryptogram_isRefused() {
        String challenge = challenge(kiosk);
        String cryptogram = cryptogram(asn, challenge);
        assertThat(query(kiosk, asn, challenge, cryptogram).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<String> again = query(kiosk, asn, challenge, cryptogram);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(again.getBody()).doesNotContain("contributions");
    }

    @Test
    void aCardWithoutHolder_anotherCardsCryptogram_andAnUnknownCard_getOneAndTheSameAnswer() {
        String orphan = "3189" + String.format("%016d", TestData.unique());
        reference.registerCard(new Card(orphan, CardStates.ACTIVE, null), 0);
        String c1 = challenge(kiosk);
        ResponseEntity<String> unknown = query(kiosk, orphan, c1, cryptogram(orphan, c1));
        String c2 = challenge(kiosk);
        ResponseEntity<String> notYours = query(kiosk, asn, c2, cryptogram(otherAsn, c2));
        String c3 = challenge(kiosk);
        ResponseEntity<String> badCryptogram = query(kiosk, asn, c3, "0123456789ABCDEF");
        String c4 = challenge(kiosk);
        String stranger = "3189" + String.format("%016d", TestData.unique());
        ResponseEntity<String> unknownCard = query(kiosk, stranger, c4, cryptogram(stranger, c4));

        for (ResponseEntity<String> r : java.util.List.of(unknown, notYours, badCryptogram, unknownCard)) {
            assertThat(r.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(r.getBody()).isEqualTo(unknown.getBody()).doesNotContain("contributions");
        }
        String c5 = challenge(kiosk);
        assertThat(query(kiosk, asn, c5, cryptogram(asn, c5)).getStatusCode())
                .as("the failed tries did not harm the holder's own query")
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aChallengeServesOnlyTheTerminalItWasGivenTo_andAFailedTryUsesItUp() {
        String otherKiosk = data.terminal(data.department(0), TerminalType.KIOSK);
        String challenge = challenge(kiosk);

        assertThat(query(otherKiosk, asn, challenge, cryptogram(asn, challenge)).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        String burnt = challenge(kiosk);
        assertThat(query(kiosk, asn, burnt, "0000000000000000").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(query(kiosk, asn, burnt, cryptogram(asn, burnt)).getStatusCode())
                .as("a challenge is used up by a wrong cryptogram: no guessing on one challenge")
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theOtherKioskCalls_needTheCardToo() {
        for (String leaf : new String[] {"contributions", "medical-account", "card"}) {
            String path = "/api/v1/terminal/cardholder/" + leaf;
            assertThat(get(kiosk, path + "?asn=" + asn).getStatusCode())
                    .as(leaf + " without a cryptogram")
                    .isEqualTo(HttpStatus.BAD_REQUEST);
            String challenge = challenge(kiosk);
            String q = "?asn=" + asn + "&challenge=" + challenge + "&cryptogram=" + cryptogram(asn, challenge);
            assertThat(get(kiosk, path + q).getStatusCode()).as(leaf).isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void aDepartmentTerminal_getsNoChallenge() {
        String department = data.terminal(data.department(0), TerminalType.DEPARTMENT);
        assertThat(post(department, "/api/v1/terminal/challenges").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    // ------------------------------------------------------------------ helpers

    static final String SUMMARY = "/api/v1/terminal/cardholder/social-security";

    static String cryptogram(String asn, String challenge) {
        return HexFormat.of()
                .withUpperCase()
                .formatHex(CRYPTO.internalAuthenticate(
                        CRYPTO.cardKey(MIAK, asn), HexFormat.of().parseHex(challenge)));
    }

    String challenge(String terminal) {
        ResponseEntity<String> r = post(terminal, "/api/v1/terminal/challenges");
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
        try {
            String c = JSON.readTree(r.getBody()).path("challenge").asText();
            assertThat(c).matches("[0-9A-F]{16}");
            return c;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    ResponseEntity<String> query(String terminal, String card, String challenge, String cryptogram) {
        return get(terminal, SUMMARY + "?asn=" + card + "&challenge=" + challenge + "&cryptogram=" + cryptogram);
    }

    ResponseEntity<String> get(String terminal, String path) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(signed(terminal, "GET", path)), String.class);
    }

    ResponseEntity<String> post(String terminal, String path) {
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(signed(terminal, "POST", path)), String.class);
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
