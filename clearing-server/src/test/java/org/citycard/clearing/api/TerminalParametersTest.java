package org.citycard.clearing.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.HotlistService;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.security.TerminalMacFilter;
import org.citycard.clearing.support.TestData;
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
 * {@code GET /api/v1/terminal/parameters} as the agent calls it: MAC-authenticated by the terminal, answering
 * {@code {version, values{departments[{code, category, zh, en}], terminalDepartment}}} at the version 0810 field 62
 * announces; refused without a valid MAC and to staff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TerminalParametersTest {
    private static final String PATH = "/api/v1/terminal/parameters";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    TestRestTemplate http;

    @Autowired
    ReferenceService reference;

    @Autowired
    HotlistService versions;

    @Autowired
    TerminalKeyService terminalKeys;

    @Test
    void terminalWithItsMac_getsTheDepartmentsAtTheAnnouncedVersion() {
        TestData data = new TestData(reference);
        String dept = data.department(25);
        String terminalId = data.terminal(dept);

        ResponseEntity<Map<String, Object>> r =
                http.exchange(PATH, HttpMethod.GET, new HttpEntity<>(signed(terminalId, PATH)), JSON);

        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(((Number) r.getBody().get("version")).longValue()).isEqualTo(versions.parameterVersion());
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) r.getBody().get("values");
        assertThat(values).containsEntry("terminalDepartment", dept);
        // the offline limits the agent applies before it debits (the dictionary's card parameters)
        assertThat(((Number) values.get("offlinePurchaseLimit")).longValue()).isEqualTo(20_000L);
        assertThat(((Number) values.get("offlineDailyLimit")).longValue()).isEqualTo(50_000L);
        assertThat(((Number) values.get("offlineCounterWarning")).intValue()).isEqualTo(65_000);
        assertThat(values).as("no key version retired here").containsEntry("retiredKeyVersions", List.of());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> departments = (List<Map<String, Object>>) values.get("departments");
        assertThat(departments)
                .contains(Map.of("code", dept, "category", "01", "zh", "测试部门" + dept, "en", "Public transit"));
        assertThat(departments).hasSize(reference.departments().size());
    }

    @Test
    void aNewDepartment_raisesTheParameterVersion_soTerminalsFetchTheListAgain() {
        TestData data = new TestData(reference);
        String terminalId = data.terminal(data.department(0));
        long before = versions.parameterVersion();
        String added = data.department(15);
        assertThat(versions.parameterVersion()).isGreaterThan(before);
        ResponseEntity<Map<String, Object>> r =
                http.exchange(PATH, HttpMethod.GET, new HttpEntity<>(signed(terminalId, PATH)), JSON);
        assertThat(((Number) r.getBody().get("version")).longValue()).isEqualTo(versions.parameterVersion());
        assertThat(r.getBody().get("values").toString()).contains(added);
    }

    @Test
    void wrongMac_isUnauthorised_andStaffWithoutTerminalHeaders_areNotTerminals() {
        TestData data = new TestData(reference);
        String terminalId = data.terminal(data.department(0));
        HttpHeaders h = signed(terminalId, PATH);
        h.set(TerminalMacFilter.MAC, "0000000000000000");
        assertThat(http.exchange(PATH, HttpMethod.GET, new HttpEntity<>(h), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        HttpHeaders other = signed(terminalId, "/api/v1/terminal/hotlist");
        assertThat(http.exchange(PATH, HttpMethod.GET, new HttpEntity<>(other), String.class)
                        .getStatusCode())
                .as("a MAC over another path does not open this one")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity(PATH, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private HttpHeaders signed(String terminalId, String path) {
        return org.citycard.clearing.testing.TestTerminalKeys.signedGet(
                terminalKeys, terminalId, path, java.time.Instant.now().getEpochSecond());
    }
}
