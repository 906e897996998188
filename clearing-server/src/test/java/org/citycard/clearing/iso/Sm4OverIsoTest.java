package org.citycard.clearing.iso;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.clearing.testing.TerminalClient;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.crypto.TerminalKey;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The mixed city over ISO 8583 (issue 16): an SM4 terminal (its own SM4 TMK, SM4 working key and MACs) loads a 3DES
 * card and an SM4 card online and uploads both cards' purchases in one batch; every MAC1, MAC2 and TAC is checked in
 * the card's algorithm and every message MAC in the terminal's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class Sm4OverIsoTest {
    static final KeySet KEYS = KeySet.demo();

    @Autowired
    IsoServer server;

    @Autowired
    ReferenceService reference;

    @Autowired
    TerminalKeyService terminalKeys;

    @Autowired
    LedgerQueries ledger;

    @Test
    void anSm4Terminal_loadsA3desAndAnSm4Card_andUploadsBothInOneBatch() throws Exception {
        TestData data = new TestData(reference);
        String department = data.department(50);
        String terminalId = data.terminal(department);
        TerminalKey key = terminalKeys.makeTerminalKey(terminalId, Algorithm.SM4);
        HostCardModel tdes = new HostCardModel(KEYS, Algorithm.TDES, data.card(Algorithm.TDES), 0, 0, 0);
        HostCardModel sm4 = new HostCardModel(KEYS, Algorithm.SM4, data.card(Algorithm.SM4), 0, 0, 0);
        try (TerminalClient t = new TerminalClient("127.0.0.1", server.port(), key, department)) {
            ISOMsg signOn = t.signOn();
            assertThat(signOn.getString(39)).isEqualTo("00");
            assertThat(t.answerAuthentic(signOn)).isTrue();
            String[] now = TestData.dateTime(0);
            for (HostCardModel card : new HostCardModel[] {tdes, sm4}) {
                ISOMsg auth = t.authorise(
                        card.asn(), 5_000, t.nextStan(), now[0], now[1], card.initializeForLoad(5_000, terminalId));
                assertThat(auth.getString(39)).as(card.toString()).isEqualTo("00");
                assertThat(t.answerAuthentic(auth)).isTrue();
                ISOMsg done = t.complete(auth, card.creditForLoad(auth.getBytes(48)));
                assertThat(done.getString(39)).as(card.toString()).isEqualTo("00");
                assertThat(ledger.cardFloat(card.asn())).isEqualTo(5_000);
            }
            ISOMsg batch = t.upload(
                    "000001",
                    tdes.purchase(700, terminalId, 1, now[0], now[1], department, ""),
                    sm4.purchase(800, terminalId, 2, now[0], now[1], department, ""),
                    sm4.purchase(90, terminalId, 3, now[0], now[1], department, ""));
            assertThat(TerminalClient.results(batch)).containsExactly("00", "00", "00");
            assertThat(t.answerAuthentic(batch)).isTrue();
            assertThat(ledger.cardFloat(tdes.asn())).isEqualTo(4_300);
            assertThat(ledger.cardFloat(sm4.asn())).isEqualTo(4_110).isEqualTo(sm4.balance());
        }
    }
}
