package org.citycard.clearing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.HotlistService;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.TestTerminalKeys;
import org.citycard.dictionary.iso8583.TerminalAnswerMac;
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
 * The hotlist and parameter answers to a terminal carry the server's MAC under the terminal's key, over the
 * status, the request and the body: the answer verifies as sent, and not once a byte of it is changed, nor for
 * another request time or another terminal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TerminalAnswerMacTest {
    @Autowired
    TestRestTemplate http;

    @Autowired
    ReferenceService reference;

    @Autowired
    HotlistService hotlist;

    @Autowired
    TerminalKeyService terminalKeys;

    @Test
    void hotlistAndParameterAnswers_carryTheServersMac_overTheRequestAndTheBody() {
        TestData data = new TestData(reference);
        String terminal = data.terminal(data.department(0));
        String other = data.terminal(data.department(0));
        hotlist.add(data.card(), "lost", "test");
        for (String path : new String[] {
            "/api/v1/terminal/hotlist", "/api/v1/terminal/hotlist?since=0", "/api/v1/terminal/parameters"
        }) {
            long time = java.time.Instant.now().getEpochSecond();
            ResponseEntity<byte[]> r =
                    http.exchange(path, HttpMethod.GET, new HttpEntity<>(signed(terminal, path, time)), byte[].class);
            assertThat(r.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
            String mac = r.getHeaders().getFirst(TerminalAnswerMac.MAC);
            byte[] body = r.getBody();
            byte[] tak = TestTerminalKeys.current(terminalKeys, terminal);

            assertThat(mac).as(path).matches("[0-9A-F]{16}");
            assertThat(TerminalAnswerMac.verify(tak, 200, "GET", path, time, terminal, body, mac))
                    .as(path)
                    .isTrue();
            byte[] changed = new String(body, StandardCharsets.UTF_8)
                    .replace("\"version\"", "\"versioN\"")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(TerminalAnswerMac.verify(tak, 200, "GET", path, time, terminal, changed, mac))
                    .isFalse();
            assertThat(TerminalAnswerMac.verify(tak, 200, "GET", path, time - 60, terminal, body, mac))
                    .as("an answer to an older request")
                    .isFalse();
            assertThat(TerminalAnswerMac.verify(
                            TestTerminalKeys.current(terminalKeys, other), 200, "GET", path, time, other, body, mac))
                    .as("another terminal's")
                    .isFalse();
        }
    }

    private HttpHeaders signed(String terminalId, String path, long time) {
        HttpHeaders h = new HttpHeaders();
        h.set(TerminalMacFilter.TERMINAL, terminalId);
        h.set(TerminalMacFilter.TIME, Long.toString(time));
        h.set(
                TerminalMacFilter.MAC,
                TerminalMacFilter.mac(
                        TestTerminalKeys.current(terminalKeys, terminalId), "GET", path, time, terminalId));
        return h;
    }
}
