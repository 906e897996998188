package org.citycard.clearing.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.settlement.DayCloseContext;
import org.citycard.clearing.support.TestData;
import org.citycard.dictionary.exchange.DocumentCodec;
import org.citycard.dictionary.exchange.DocumentSignature;
import org.citycard.dictionary.exchange.PartyKeys;
import org.citycard.dictionary.exchange.RegistryChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** The operators' exchange API (ADMIN) and the statistics behind the exchange page, over HTTP. */
class ExchangeHttpTest extends DayCloseContext {
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    TestRestTemplate http;

    @TempDir
    Path dir;

    @Test
    void sendStatusReplayAndStats_forAdministrators_statsForStaff_nothingForAnonymous() {
        String admin = "xadmin" + TestData.unique() % 10_000;
        TestRestTemplate asAdmin = http.withBasicAuth(admin, staffUser(admin, "ADMIN", "STAFF"));
        String clerk = "xclerk" + TestData.unique() % 10_000;
        TestRestTemplate asStaff = http.withBasicAuth(clerk, staffUser(clerk, "STAFF"));

        PartyKeys.PartyKey registry =
                PartyKeys.openOrCreateDemo(dir.resolve("pr.bcfks"), "PH" + TestData.unique() % 1000);
        Map<String, Object> party = Map.of(
                "name",
                "人口库",
                "certificate",
                PartyKeys.toPem(registry.certificate()),
                "maySend",
                List.of("RC"),
                "subscribes",
                List.of());
        assertThat(asStaff.exchange(
                                "/api/v1/admin/exchange/parties/" + registry.party(),
                                HttpMethod.PUT,
                                new HttpEntity<>(party),
                                JSON)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(asAdmin.exchange(
                                "/api/v1/admin/exchange/parties/" + registry.party(),
                                HttpMethod.PUT,
                                new HttpEntity<>(party),
                                JSON)
                        .getStatusCode()
                        .is2xxSuccessful())
                .isTrue();

        RegistryChange rc =
                new RegistryChange().header("RC-H" + TestData.unique(), registry.party(), "CENTRE", Instant.now());
        RegistryChange.Person p = new RegistryChange.Person();
        p.registryChange = "N";
        p.citizenId = "11010519491231002X";
        p.name = "王五";
        p.sex = "2";
        p.birthDate = "19491231";
        rc.persons.add(p);
        byte[] xml = DocumentCodec.standard().write(rc);
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_XML);
        h.set("X-Signature", Base64.getEncoder().encodeToString(DocumentSignature.sign(xml, registry)));
        var applied =
                asAdmin.exchange("/api/v1/admin/exchange/documents", HttpMethod.POST, new HttpEntity<>(xml, h), JSON);
        assertThat(applied.getStatusCode().value()).isEqualTo(200);
        assertThat(applied.getBody()).containsEntry("status", "APPLIED");
        var again =
                asAdmin.exchange("/api/v1/admin/exchange/documents", HttpMethod.POST, new HttpEntity<>(xml, h), JSON);
        assertThat(again.getStatusCode().value()).isEqualTo(422);
        assertThat((String) again.getBody().get("reason")).contains("document_id");

        var status = asAdmin.exchange("/api/v1/admin/exchange/status", HttpMethod.GET, null, JSON);
        assertThat(status.getBody()).containsKeys("broker", "documentsLast24h", "refusedLast24h", "waiting");
        assertThat(asAdmin.exchange("/api/v1/admin/exchange/replay/" + rc.documentId(), HttpMethod.POST, null, JSON)
                        .getBody())
                .containsEntry("status", "APPLIED");

        var stats = asStaff.exchange("/api/exchange/stats?days=7", HttpMethod.GET, null, JSON);
        assertThat(stats.getStatusCode().value()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> days =
                (List<Map<String, Object>>) stats.getBody().get("days");
        assertThat(days).anySatisfy(d -> {
            assertThat(d).containsEntry("party", registry.party());
            assertThat(((Number) d.get("in")).longValue()).isEqualTo(1);
            assertThat(((Number) d.get("failures")).longValue()).isEqualTo(1);
        });
        assertThat(http.exchange("/api/exchange/stats", HttpMethod.GET, null, String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(asStaff.getForEntity("/exchange.html", String.class).getBody())
                .contains("数据交换", "echarts");
        assertThat(http.getForEntity("/webjars/echarts/5.3.1/dist/echarts.min.js", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }
}
