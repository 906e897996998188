package org.citycard.clearing.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The deposit over HTTP as the card centre (CARD_CENTRE) calls it: a card registered with its deposit, the deposit
 * read, bad input answered 400 naming field, value and rule with nothing registered, the cash refund once (409 the
 * second time), no call without credentials.
 */
class DepositHttpTest extends DayCloseContext {
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    TestRestTemplate http;

    TestRestTemplate centre;
    SettlementFixture f;

    @BeforeEach
    void login() {
        String name = "centre" + TestData.unique();
        centre = http.withBasicAuth(name, staffUser(name, "CARD_CENTRE"));
        f = fixture();
        f.newDay();
    }

    ResponseEntity<Map<String, Object>> post(String path, Object body) {
        return centre.exchange(path, HttpMethod.POST, new HttpEntity<>(body), JSON);
    }

    @Test
    void aCardRegisteredWithItsDeposit_isRefundedInCashOnce() {
        String asn = DepositSuite.newAsn();

        ResponseEntity<Map<String, Object>> registered =
                post("/api/v1/cards", Map.of("asn", asn, "state", CardStates.ACTIVE, "deposit", 2_000));

        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<Map<String, Object>> held =
                centre.exchange("/api/v1/cards/" + asn + "/deposit", HttpMethod.GET, null, JSON);
        assertThat(held.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(held.getBody()).containsEntry("amount", 2_000).containsEntry("status", "HELD");
        assertThat(http.getForEntity("/api/v1/cards/" + asn + "/deposit", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<Map<String, Object>> early = post("/api/v1/cards/" + asn + "/deposit/cash-refund", Map.of());
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        f.reference.changeState(asn, CardStates.code("CANCELLED"));
        ResponseEntity<Map<String, Object>> paid = post("/api/v1/cards/" + asn + "/deposit/cash-refund", Map.of());
        assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(paid.getBody())
                .containsEntry("status", "REFUNDED")
                .containsEntry("refundMode", "CASH")
                .containsEntry("amount", 2_000);
        ResponseEntity<Map<String, Object>> again = post("/api/v1/cards/" + asn + "/deposit/cash-refund", Map.of());
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().toString()).contains("refunded once");
    }

    @Test
    void aBadDeposit_isRefused_andTheCardIsNotRegistered() {
        String asn = DepositSuite.newAsn();

        ResponseEntity<Map<String, Object>> bad =
                post("/api/v1/cards", Map.of("asn", asn, "state", CardStates.ACTIVE, "deposit", -5));

        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).containsEntry("field", "deposit").containsEntry("value", "-5");
        assertThat(bad.getBody().get("rule").toString()).contains("1..100000");
        assertThat(centre.exchange("/api/v1/cards/" + asn, HttpMethod.GET, null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        post("/api/v1/cards", Map.of("asn", asn, "state", CardStates.ACTIVE));
        ResponseEntity<Map<String, Object>> none = post("/api/v1/cards/" + asn + "/deposit", Map.of());
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(none.getBody()).containsEntry("field", "amount");
        assertThat(centre.exchange("/api/v1/cards/" + asn + "/deposit", HttpMethod.GET, null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map<String, Object>> taken = post("/api/v1/cards/" + asn + "/deposit", Map.of("amount", 1_500));
        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(taken.getBody()).containsEntry("amount", 1_500).containsEntry("status", "HELD");
    }
}
