package org.citycard.clearing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.citycard.clearing.reference.HotlistService;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.StaffHttp;
import org.citycard.clearing.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The card centre (issue 15) holds a CARD_CENTRE account, not an ADMIN one: it registers cards, reads them and their
 * shadow accounts, changes their state (lost, found, cancelled) and puts them on and off the hotlist — the calls of
 * the issuance tool's server client — and nothing else: no users, no reference data, no transactions, no imports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CardCentreRoleTest {
    static final String PASSWORD = "the card centre's long password";

    @LocalServerPort
    int port;

    @Autowired
    StaffUsers users;

    @Autowired
    ReferenceService reference;

    @Autowired
    HotlistService hotlist;

    StaffHttp centre;

    @BeforeEach
    void aCardCentreAccount() {
        String name = "centre" + TestData.unique();
        users.add(name, PASSWORD, List.of("CARD_CENTRE"));
        centre = new StaffHttp(port, name, PASSWORD);
    }

    @Test
    void theCardCentre_reportsCards_asTheIssuanceToolDoes() {
        String asn = "3177" + String.format("%016d", TestData.unique());
        HttpResponse<String> registered = centre.send(
                "POST",
                "/api/v1/cards",
                "{\"asn\":\"" + asn + "\",\"state\":\"60\",\"expiryDate\":\"20351231\",\"firstOfflineSeq\":0}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(centre.status("GET", "/api/v1/cards/" + asn, null)).isEqualTo(200);
        assertThat(centre.status("GET", "/api/v1/cards/" + asn + "/account", null))
                .isEqualTo(200);

        HttpResponse<String> lost = centre.send("PUT", "/api/v1/cards/" + asn + "/state", "{\"state\":\"70\"}");
        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(200);
        assertThat(reference.card(asn).state()).isEqualTo("70");
        HttpResponse<String> listed =
                centre.send("POST", "/api/v1/hotlist", "{\"asn\":\"" + asn + "\",\"reason\":\"reported lost\"}");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
        assertThat(hotlist.entries()).anyMatch(e -> e.asn().equals(asn));
        assertThat(centre.status("DELETE", "/api/v1/hotlist/" + asn, null)).isEqualTo(200);
        assertThat(hotlist.entries()).noneMatch(e -> e.asn().equals(asn));
    }

    @Test
    void theCardCentre_cannotDoWhatOnlyAdministratorsOrStaffDo() {
        String code = String.format("%04d", TestData.unique() % 10_000);
        assertThat(centre.status(
                        "POST",
                        "/api/v1/admin/users",
                        "{\"username\":\"sneaky" + TestData.unique()
                                + "\",\"password\":\"a long enough secret\",\"roles\":[\"ADMIN\"]}"))
                .isEqualTo(403);
        assertThat(centre.status("GET", "/api/v1/admin/users", null)).isEqualTo(403);
        assertThat(centre.status(
                        "POST",
                        "/api/v1/departments",
                        "{\"code\":\"" + code + "\",\"name\":\"x\",\"category\":\"01\",\"bankCode\":\"102100099996\","
                                + "\"accountNumber\":\"6222020200112233\",\"accountName\":\"x\",\"feeRateBp\":1}"))
                .isEqualTo(403);
        assertThat(centre.status("GET", "/api/v1/departments", null)).isEqualTo(403);
        assertThat(centre.status("GET", "/api/v1/transactions", null)).isEqualTo(403);
        assertThat(centre.status("POST", "/api/v1/social-security/imports?name=x.txt", null))
                .isEqualTo(403);
        assertThat(centre.status("POST", "/api/v1/admin/users/admin/disable", null))
                .isEqualTo(403);
        assertThat(users.usernames()).noneMatch(u -> u.startsWith("sneaky"));
    }

    @Test
    void theCardCentre_changesItsOwnPassword() {
        assertThat(centre.status(
                        "POST",
                        "/api/v1/staff/me/password",
                        "{\"current\":\"" + PASSWORD + "\",\"new\":\"the card centre's new password\"}"))
                .isEqualTo(204);
    }
}
