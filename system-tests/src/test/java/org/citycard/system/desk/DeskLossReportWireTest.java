package org.citycard.system.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citycard.issuance.desk.DeskServer;
import org.citycard.issuance.server.HttpCardRegistryClient;
import org.citycard.issuance.staff.Role;
import org.citycard.issuance.staff.Staff;
import org.citycard.system.TestDirs;
import org.citycard.system.city.CardCentre.IssuedCard;
import org.citycard.system.city.Citizens;
import org.citycard.system.city.City;
import org.citycard.system.city.ServerAdmin;
import org.junit.jupiter.api.Test;

/**
 * A loss report taken at the card centre's desk reaches the real clearing server: the desk runs on the city's card
 * centre, reports to the server over its REST API as the issuance tool does, and the server's account of the card
 * says it is hotlisted (the list the terminals fetch).
 */
class DeskLossReportWireTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "desk clerk password";

    @Test
    void aLossReportFromTheDesk_putsTheCardOnTheServersHotlist() throws Exception {
        try (City city = City.start(TestDirs.fresh("desk-loss"))) {
            List<Citizens.Person> people = Citizens.make(1, 43);
            IssuedCard card = city.issue(people, people, asn -> {}).cards().get(0);
            assertThat(city.admin().account(card.asn()).path("hotlisted").asBoolean())
                    .isFalse();
            city.admin()
                    .post(
                            "/api/v1/admin/users",
                            Map.of(
                                    "username",
                                    "desk",
                                    "password",
                                    "desk first password",
                                    "roles",
                                    List.of("CARD_CENTRE")));
            // the desk's server account replaces the password the administrator gave first (issue 15)
            new ServerAdmin(city.admin().baseUrl(), "desk", "desk first password".toCharArray())
                    .changeOwnPassword("desk first password".toCharArray(), "desk server password".toCharArray());
            Staff supervisor = city.centre().supervisor(); // signed in (a looked-up account may not act)
            city.centre()
                    .tool()
                    .staff()
                    .add(supervisor, "deskclerk", "柜员", Set.of(Role.ENROLMENT_CLERK), PASSWORD.toCharArray());
            HttpCardRegistryClient server =
                    new HttpCardRegistryClient(city.admin().uri(), "desk", "desk server password".toCharArray());
            try (DeskServer desk =
                    DeskServer.start(city.centre().tool(), server, "127.0.0.1", 0, Duration.ofMinutes(15))) {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + desk.port();
                HttpResponse<String> login = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/login"))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        JSON.writeValueAsString(Map.of("username", "deskclerk", "password", PASSWORD))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
                String cookie =
                        login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                JsonNode state = JSON.readTree(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/api/state"))
                                        .header("Cookie", cookie)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                HttpResponse<String> loss = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/life"))
                                .header("Cookie", cookie)
                                .header("X-CSRF-Token", state.path("csrf").asText())
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                        "action",
                                        "loss",
                                        "card",
                                        card.asn(),
                                        "presentedId",
                                        card.holder().citizenId(),
                                        "reason",
                                        "lost at the market"))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(loss.statusCode()).as(loss.body()).isEqualTo(200);
                JsonNode answer = JSON.readTree(loss.body());
                assertThat(answer.path("server").path("answer").asText()).contains("70 挂失 Lost");
            }
            assertThat(city.centre().state(card.asn())).startsWith("70");
            JsonNode account = city.admin().account(card.asn());
            assertThat(account.path("hotlisted").asBoolean()).as("%s", account).isTrue();
        }
    }
}
