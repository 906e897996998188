package org.citycard.clearing.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.HotlistService;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.reference.TerminalOfflineLimits;
import org.citycard.clearing.support.TestData;
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
import org.springframework.http.ResponseEntity;

/**
 * A terminal's offline limits as an administrator's setting (issue 22): {@code PUT
 * /api/v1/terminals/{id}/offline-limits} changes what that terminal alone is served in its parameters, moves the
 * parameter version on, refuses a limit out of range naming the field, the value and the rule (changing nothing),
 * and is for administrators only; staff read it. The terminal parameters also carry the fare rules of each card
 * type.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TerminalOfflineLimitsTest {
    private static final String PARAMETERS = "/api/v1/terminal/parameters";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    TestRestTemplate http;

    @Autowired
    ReferenceService reference;

    @Autowired
    HotlistService versions;

    @Autowired
    TerminalKeyService terminalKeys;

    TestRestTemplate admin;

    @BeforeEach
    void login() throws Exception {
        admin = http.withBasicAuth(
                "admin", org.citycard.clearing.support.InitialAdmin.password(http, TestData.DATA_DIR));
    }

    private static String limitsPath(String terminalId) {
        return "/api/v1/terminals/" + terminalId + "/offline-limits";
    }

    private ResponseEntity<Map<String, Object>> put(
            TestRestTemplate who, String terminalId, Long purchase, Long daily) {
        HttpHeaders h = new HttpHeaders();
        h.set("X-Requested-With", "test");
        h.set("Content-Type", "application/json");
        Map<String, Object> body = new HashMap<>();
        body.put("purchaseLimit", purchase);
        body.put("dailyLimit", daily);
        return who.exchange(limitsPath(terminalId), HttpMethod.PUT, new HttpEntity<>(body, h), JSON);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parameters(String terminalId) {
        HttpHeaders h = org.citycard.clearing.testing.TestTerminalKeys.signedGet(
                terminalKeys, terminalId, PARAMETERS, java.time.Instant.now().getEpochSecond());
        ResponseEntity<Map<String, Object>> r = http.exchange(PARAMETERS, HttpMethod.GET, new HttpEntity<>(h), JSON);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        return (Map<String, Object>) r.getBody().get("values");
    }

    private static long number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    @Test
    void anAdministratorsLimits_areServedToThatTerminalAlone_andTheParameterVersionMovesOn() {
        TestData data = new TestData(reference);
        String dept = data.department(10);
        String bus = data.terminal(dept);
        String other = data.terminal(dept);
        long before = versions.parameterVersion();

        ResponseEntity<Map<String, Object>> r = put(admin, bus, 500L, 3_000L);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody()).containsEntry("terminalId", bus).containsEntry("changedBy", "admin");
        assertThat(number(r.getBody(), "effectivePurchaseLimit")).isEqualTo(500);
        assertThat(versions.parameterVersion()).isGreaterThan(before);

        Map<String, Object> served = parameters(bus);
        assertThat(number(served, "offlinePurchaseLimit")).isEqualTo(500);
        assertThat(number(served, "offlineDailyLimit")).isEqualTo(3_000);
        Map<String, Object> elsewhere = parameters(other);
        assertThat(number(elsewhere, "offlinePurchaseLimit")).isEqualTo(TerminalOfflineLimits.DEFAULT_PURCHASE);
        assertThat(number(elsewhere, "offlineDailyLimit")).isEqualTo(TerminalOfflineLimits.DEFAULT_DAILY);

        // only the per-day limit: the per-purchase one takes the default again (PUT replaces the setting)
        put(admin, bus, null, 40_000L);
        assertThat(number(parameters(bus), "offlinePurchaseLimit")).isEqualTo(TerminalOfflineLimits.DEFAULT_PURCHASE);
        assertThat(number(parameters(bus), "offlineDailyLimit")).isEqualTo(40_000);
        // both null: the defaults
        put(admin, bus, null, null);
        ResponseEntity<Map<String, Object>> now = admin.exchange(limitsPath(bus), HttpMethod.GET, null, JSON);
        assertThat(now.getBody()).containsEntry("purchaseLimit", null).containsEntry("dailyLimit", null);
        assertThat(number(parameters(bus), "offlineDailyLimit")).isEqualTo(TerminalOfflineLimits.DEFAULT_DAILY);
    }

    @Test
    void aLimitOutOfRange_isRefusedNamingTheFieldTheValueAndTheRule_andChangesNothing() {
        TestData data = new TestData(reference);
        String t = data.terminal(data.department(10));
        put(admin, t, 800L, 4_000L);
        long version = versions.parameterVersion();

        ResponseEntity<Map<String, Object>> zero = put(admin, t, 0L, 4_000L);
        assertThat(zero.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(zero.getBody()).containsEntry("field", "purchaseLimit").containsEntry("value", "0");
        assertThat((String) zero.getBody().get("rule")).contains("1..100000");

        ResponseEntity<Map<String, Object>> below = put(admin, t, 800L, 700L);
        assertThat(below.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(below.getBody()).containsEntry("field", "dailyLimit").containsEntry("value", "700");
        assertThat((String) below.getBody().get("rule")).contains("at least the per-purchase limit 800");

        assertThat(put(admin, t, 100_001L, null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(put(admin, "999999999999", 100L, 200L).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        assertThat(versions.parameterVersion()).isEqualTo(version);
        assertThat(number(parameters(t), "offlinePurchaseLimit")).isEqualTo(800);
        assertThat(number(parameters(t), "offlineDailyLimit")).isEqualTo(4_000);
    }

    @Test
    void staffRead_theLimits_butOnlyAdministratorsChangeThem() {
        TestData data = new TestData(reference);
        String t = data.terminal(data.department(10));
        String clerk = "limits" + TestData.unique();
        HttpHeaders h = new HttpHeaders();
        h.set("X-Requested-With", "test");
        admin.exchange(
                "/api/v1/admin/users",
                HttpMethod.POST,
                new HttpEntity<>(
                        Map.of("username", clerk, "password", "a staff secret here", "roles", List.of("STAFF")), h),
                String.class);
        // the password the administrator gave may only be changed first (issue 15)
        assertThat(http.withBasicAuth(clerk, "a staff secret here")
                        .exchange(
                                "/api/v1/staff/me/password",
                                HttpMethod.POST,
                                new HttpEntity<>(
                                        Map.of("current", "a staff secret here", "new", "the clerk's own password"), h),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        TestRestTemplate staff = http.withBasicAuth(clerk, "the clerk's own password");
        assertThat(staff.exchange(limitsPath(t), HttpMethod.GET, null, JSON).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(put(staff, t, 100L, 200L).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(number(parameters(t), "offlinePurchaseLimit")).isEqualTo(TerminalOfflineLimits.DEFAULT_PURCHASE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theParameters_carryTheFareRulesOfEveryCardType() {
        TestData data = new TestData(reference);
        String t = data.terminal(data.department(10));
        List<Map<String, Object>> rules =
                (List<Map<String, Object>>) parameters(t).get("fareRules");
        assertThat(rules)
                .contains(Map.of(
                        "cardType",
                        "2",
                        "discountPermille",
                        500,
                        "freeRidesPerDay",
                        2,
                        "hours",
                        "0900-1700",
                        "review",
                        true,
                        "categories",
                        "01"));
        assertThat(rules).extracting(m -> m.get("cardType")).contains("1", "2", "3", "4");
    }
}
