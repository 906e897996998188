package org.citycard.clearing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.iso.IsoServer;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.reference.Terminal;
import org.citycard.clearing.support.NotFoundException;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.clearing.testing.TerminalClient;
import org.citycard.clearing.testing.TestTerminalKeys;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.validate.ValidationException;
import org.citycard.dictionary.wire.TerminalType;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What each terminal type may send (dictionary table terminal-type, DESIGN §3.8), enforced by the server for every
 * ISO 8583 message and every terminal REST call: a refused right answers 58 (ISO) or 403 with a JSON body naming
 * the type and the operation (REST), changes nothing and is logged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class TerminalRightsTest {
    static final KeySet KEYS = KeySet.demo();
    static final String SSN = "11010519491231002X";

    @Autowired
    IsoServer server;

    @Autowired
    ReferenceService reference;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    TerminalKeyService terminalKeys;

    @Autowired
    TestRestTemplate http;

    private TerminalClient client(String terminalId, String department) throws Exception {
        return new TerminalClient("127.0.0.1", server.port(), KEYS, terminalId, department);
    }

    @Test
    void aKiosksLoadAuthorisation_isRefused58_authenticated_andChangesNothing(CapturedOutput output) throws Exception {
        TestData data = new TestData(reference);
        String department = data.department(0);
        String kiosk = data.terminal(department, TerminalType.KIOSK);
        String asn = data.card();
        HostCardModel card = new HostCardModel(KEYS, asn, 0, 0, 0);
        LedgerQueries.TrialBalance before = ledger.trialBalance();

        try (TerminalClient t = client(kiosk, department)) {
            assertThat(t.signOn().getString(39)).as("a kiosk signs on").isEqualTo("00");
            String[] now = TestData.dateTime(0);
            ISOMsg auth = t.authorise(asn, 10_000, t.nextStan(), now[0], now[1], card.initializeForLoad(10_000, kiosk));

            assertThat(auth.getMTI()).isEqualTo("0110");
            assertThat(auth.getString(39))
                    .as("a kiosk's 0100 (loads only at counters and load machines)")
                    .isEqualTo("58");
            assertThat(auth.hasField(48)).as("no MAC2 for the card").isFalse();
            assertThat(t.answerAuthentic(auth))
                    .as("the refusal is MACed: the terminal is authenticated")
                    .isTrue();
        }
        assertThat(ledger.cardFloat(asn)).isZero();
        assertThat(ledger.trialBalance()).isEqualTo(before);
        assertThat(output.getAll()).contains("terminal " + kiosk + " (kiosk 自助终端) may not send 0100, answered 58");
    }

    @Test
    void theSameLoad_fromACounter_isAuthorised() throws Exception {
        TestData data = new TestData(reference);
        String department = data.department(0);
        String counter = data.terminal(department, TerminalType.COUNTER);
        String asn = data.card();
        HostCardModel card = new HostCardModel(KEYS, asn, 0, 0, 0);
        try (TerminalClient t = client(counter, department)) {
            String[] now = TestData.dateTime(0);
            ISOMsg auth =
                    t.authorise(asn, 10_000, t.nextStan(), now[0], now[1], card.initializeForLoad(10_000, counter));
            assertThat(auth.getString(39)).isEqualTo("00");
        }
    }

    @Test
    void aLoadMachinesBatchUpload_isRefused58() throws Exception {
        TestData data = new TestData(reference);
        String department = data.department(0);
        String machine = data.terminal(department, TerminalType.LOAD_MACHINE);
        String asn = data.card();
        HostCardModel card = new HostCardModel(KEYS, asn, 1_000, 0, 0);
        try (TerminalClient t = client(machine, department)) {
            String[] now = TestData.dateTime(0);
            ISOMsg batch = t.upload("000001", card.purchase(100, machine, 1, now[0], now[1], department, ""));
            assertThat(batch.getMTI()).isEqualTo("0330");
            assertThat(batch.getString(39)).isEqualTo("58");
            assertThat(batch.hasField(63))
                    .as("no per-record results: nothing was looked at")
                    .isFalse();
        }
    }

    @Test
    void aDepartmentTerminalsSocialSecurityQuery_is403_namingTypeAndOperation(CapturedOutput output) throws Exception {
        TestData data = new TestData(reference);
        String department = data.department(0);
        String terminal = data.terminal(department, TerminalType.DEPARTMENT);
        String path = "/api/v1/terminal/cardholder/social-security";

        ResponseEntity<String> r =
                http.exchange(path, HttpMethod.GET, new HttpEntity<>(signed(terminal, path)), String.class);

        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        JsonNode body = new ObjectMapper().readTree(r.getBody());
        assertThat(body.path("responseCode").asText()).isEqualTo("58");
        assertThat(body.path("terminalType").asText()).isEqualTo("04");
        assertThat(body.path("operation").asText()).isEqualTo("SOCIAL_SECURITY");
        assertThat(body.path("error").asText())
                .contains("department terminal 部门终端")
                .contains("SOCIAL_SECURITY")
                .contains("kiosk");
        assertThat(output.getAll())
                .contains("terminal " + terminal + " (department terminal 部门终端) may not call SOCIAL_SECURITY");

        String hotlist = "/api/v1/terminal/hotlist";
        assertThat(http.exchange(hotlist, HttpMethod.GET, new HttpEntity<>(signed(terminal, hotlist)), String.class)
                        .getStatusCode())
                .as("every type fetches the hotlist")
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aKiosksSocialSecurityQuery_passesTheRights() {
        TestData data = new TestData(reference);
        String kiosk = data.terminal(data.department(0), TerminalType.KIOSK);
        String path = "/api/v1/terminal/cardholder/social-security";

        ResponseEntity<String> r =
                http.exchange(path, HttpMethod.GET, new HttpEntity<>(signed(kiosk, path)), String.class);

        assertThat(r.getStatusCode()).isNotEqualTo(HttpStatus.FORBIDDEN).isNotEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void registration_takesATypeOfTheTable_andRefusesAnyOther() {
        TestData data = new TestData(reference);
        String department = data.department(0);
        String id = String.format("%012d", TestData.unique() % 1_000_000_000_000L);
        for (String bad : new String[] {"99", null, "kiosk"}) {
            assertThatThrownBy(() -> reference.createTerminal(
                            new Terminal(id, department, String.format("%020d", TestData.unique()), true, bad)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("terminalType")
                    .hasMessageContaining(String.valueOf(bad))
                    .hasMessageContaining("03 kiosk 自助终端");
            assertThatThrownBy(() -> reference.terminal(id)).isInstanceOf(NotFoundException.class);
        }
        String kiosk = data.terminal(department, TerminalType.KIOSK);
        assertThat(reference.terminal(kiosk).terminalType()).isEqualTo("03");
        assertThat(reference.terminal(kiosk).type()).isEqualTo(TerminalType.KIOSK);
    }

    private HttpHeaders signed(String terminalId, String path) {
        return TestTerminalKeys.signedGet(
                terminalKeys, terminalId, path, java.time.Instant.now().getEpochSecond());
    }
}
