package org.citycard.clearing.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.citycard.clearing.security.Roles;
import org.citycard.clearing.security.StaffUsers;
import org.citycard.clearing.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 15: the server keeps each card centre's last audit chain head, and never lets it go back or change: a card
 * centre whose local log was rewritten cannot make the server's head match it again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditHeadControllerTest {
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final String MAC_5 = "5".repeat(64);
    static final String MAC_7 = "7".repeat(64);

    @Autowired
    TestRestTemplate http;

    @Autowired
    StaffUsers users;

    TestRestTemplate centre;
    String name;

    @BeforeEach
    void centre() {
        name = "centre" + TestData.unique();
        users.add(name, "card centre server password", List.of(Roles.ADMIN));
        centre = http.withBasicAuth(name, "card centre server password");
    }

    private ResponseEntity<Map<String, Object>> put(long seq, String mac) {
        return centre.exchange(
                AuditHeadController.PATH, HttpMethod.PUT, new HttpEntity<>(Map.of("seq", seq, "mac", mac)), JSON);
    }

    @Test
    void theHead_movesForwardOnly_andAnEntryKeepsItsMac() {
        assertThat(centre.getForEntity(AuditHeadController.PATH, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(put(5, MAC_5).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(put(5, MAC_5).getStatusCode()).as("the same head again").isEqualTo(HttpStatus.OK);

        ResponseEntity<Map<String, Object>> back = put(3, "3".repeat(64));
        assertThat(back.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(String.valueOf(back.getBody())).contains("went back");
        ResponseEntity<Map<String, Object>> rewritten = put(5, "6".repeat(64));
        assertThat(rewritten.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(String.valueOf(rewritten.getBody())).contains("rewritten");

        assertThat(put(7, MAC_7).getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> held = centre.exchange(AuditHeadController.PATH, HttpMethod.GET, null, JSON)
                .getBody();
        assertThat(held).containsEntry("centre", name).containsEntry("seq", 7).containsEntry("mac", MAC_7);
    }

    @Test
    void aBadHead_isRefusedNamingTheField() {
        ResponseEntity<Map<String, Object>> r = put(1, "not hex");
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(r.getBody()).containsEntry("field", "mac");
        assertThat(put(0, MAC_5).getBody()).containsEntry("field", "seq");
    }

    @Test
    void eachCardCentre_hasItsOwnHead_andStaffOnlyRead() {
        put(5, MAC_5);
        String other = "centre" + TestData.unique();
        users.add(other, "another centre password", List.of(Roles.ADMIN));
        TestRestTemplate second = http.withBasicAuth(other, "another centre password");
        assertThat(second.getForEntity(AuditHeadController.PATH, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        String reader = "reader" + TestData.unique();
        users.add(reader, "a staff reader password", List.of(Roles.STAFF));
        ResponseEntity<String> staffPut = http.withBasicAuth(reader, "a staff reader password")
                .exchange(
                        AuditHeadController.PATH,
                        HttpMethod.PUT,
                        new HttpEntity<>(Map.of("seq", 9, "mac", "9".repeat(64))),
                        String.class);
        assertThat(staffPut.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
