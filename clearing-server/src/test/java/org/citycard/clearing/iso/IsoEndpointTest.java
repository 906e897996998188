package org.citycard.clearing.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import org.citycard.clearing.crypto.HostKeys;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.clearing.testing.TerminalClient;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.iso8583.Iso8583Packagers;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A stock jPOS NACChannel with the dictionary's packager against the server's Netty endpoint: sign-on, load,
 * completion, reversal, batch upload and reconciliation; unknown terminal, bad MAC, malformed frame and unknown MTI
 * are answered with their codes and change nothing; no key ever reaches the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class IsoEndpointTest {
    static final KeySet KEYS = KeySet.demo();

    @Autowired
    IsoServer server;

    @Autowired
    ReferenceService reference;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    HostKeys hostKeys;

    String department;
    String terminalId;

    @BeforeEach
    void fixtures() {
        TestData data = new TestData(reference);
        department = data.department(50);
        terminalId = data.terminal(department);
    }

    TerminalClient client() throws Exception {
        return new TerminalClient("127.0.0.1", server.port(), KEYS, terminalId, department);
    }

    @Test
    void stockNacChannel_signsOn_loads_uploads_andReconciles() throws Exception {
        String asn = new TestData(reference).card();
        HostCardModel card = new HostCardModel(KEYS, asn, 0, 0, 0);
        try (TerminalClient t = client()) {
            ISOMsg signOn = t.signOn();
            assertThat(signOn.getMTI()).isEqualTo("0810");
            assertThat(signOn.getString(39)).isEqualTo("00");
            assertThat(signOn.getString(62)).matches("\\d{16}");
            assertThat(t.answerAuthentic(signOn)).isTrue();

            String[] now = TestData.dateTime(0);
            ISOMsg auth =
                    t.authorise(asn, 10_000, t.nextStan(), now[0], now[1], card.initializeForLoad(10_000, terminalId));
            assertThat(auth.getMTI()).isEqualTo("0110");
            assertThat(auth.getString(39)).isEqualTo("00");
            assertThat(auth.getString(37)).hasSize(12);
            assertThat(t.answerAuthentic(auth)).isTrue();
            byte[] tac = card.creditForLoad(auth.getBytes(48));

            ISOMsg done = t.complete(auth, tac);
            assertThat(done.getMTI()).isEqualTo("0230");
            assertThat(done.getString(39)).isEqualTo("00");
            assertThat(ledger.cardFloat(asn)).isEqualTo(10_000);

            ISOMsg repeated = t.complete(auth, tac);
            assertThat(repeated.getString(39)).isEqualTo("00");
            assertThat(ledger.cardFloat(asn)).isEqualTo(10_000);

            byte[] r1 = card.purchase(1_500, terminalId, 1, now[0], now[1], department, "WATER-2026-11");
            byte[] r2 = card.purchase(250, terminalId, 2, now[0], now[1], department, "");
            ISOMsg batch = t.upload("000001", r1, r2);
            assertThat(batch.getMTI()).isEqualTo("0330");
            assertThat(batch.getString(39)).isEqualTo("00");
            assertThat(TerminalClient.results(batch)).containsExactly("00", "00");
            assertThat(t.answerAuthentic(batch)).isTrue();
            assertThat(ledger.cardFloat(asn)).isEqualTo(card.balance()).isEqualTo(8_250);

            ISOMsg again = t.upload("000001", r1, r2);
            assertThat(TerminalClient.results(again)).containsExactly("00", "00");
            assertThat(ledger.cardFloat(asn)).isEqualTo(8_250);

            ISOMsg recon = t.reconcile(now[0], "000001", 1, 10_000, 2, 1_750);
            assertThat(recon.getMTI()).isEqualTo("0510");
            assertThat(recon.getString(39)).isEqualTo("00");
            ISOMsg off = t.reconcile(now[0], "000001", 1, 10_000, 3, 1_800);
            assertThat(off.getString(39)).isEqualTo("95");
            assertThat(Long.parseLong(off.getString(76))).isEqualTo(2);
            assertThat(Long.parseLong(off.getString(88))).isEqualTo(1_750);
        }
    }

    @Test
    void reversal_ofALoadTheCardDidNotTake_returnsTheMoney() throws Exception {
        String asn = new TestData(reference).card();
        HostCardModel card = new HostCardModel(KEYS, asn, 0, 0, 0);
        try (TerminalClient t = client()) {
            String[] now = TestData.dateTime(0);
            ISOMsg auth =
                    t.authorise(asn, 2_000, t.nextStan(), now[0], now[1], card.initializeForLoad(2_000, terminalId));
            assertThat(auth.getString(39)).isEqualTo("00");

            ISOMsg rev = t.reverse(auth);
            assertThat(rev.getMTI()).isEqualTo("0410");
            assertThat(rev.getString(39)).isEqualTo("00");
            assertThat(ledger.cardFloat(asn)).isZero();
            assertThat(ledger.trialBalance().balanced()).isTrue();
        }
    }

    @Test
    void loadAboveTheMaximumBalance_isDeclined61_andAForgedMac1_63() throws Exception {
        String asn = new TestData(reference).card();
        HostCardModel card = new HostCardModel(KEYS, asn, 99_000, 0, 0);
        try (TerminalClient t = client()) {
            String[] now = TestData.dateTime(0);
            ISOMsg high =
                    t.authorise(asn, 5_000, t.nextStan(), now[0], now[1], card.initializeForLoad(5_000, terminalId));
            assertThat(high.getString(39)).isEqualTo("61");
            assertThat(high.hasField(48)).isFalse();

            byte[] forged = card.initializeForLoad(100, terminalId);
            forged[forged.length - 1] ^= 1;
            ISOMsg bad = t.authorise(asn, 100, t.nextStan(), now[0], now[1], forged);
            assertThat(bad.getString(39)).isEqualTo("63");

            ISOMsg unknown = t.authorise(
                    "31" + "9".repeat(18),
                    100,
                    t.nextStan(),
                    now[0],
                    now[1],
                    new HostCardModel(KEYS, "31" + "9".repeat(18), 0, 0, 0).initializeForLoad(100, terminalId));
            assertThat(unknown.getString(39)).isEqualTo("14");
        }
    }

    @Test
    void unknownTerminal_badMac_malformed_unknownMti_areAnswered_andChangeNothing(CapturedOutput output)
            throws Exception {
        LedgerQueries.TrialBalance before = ledger.trialBalance();
        String asn = new TestData(reference).card();

        try (TerminalClient stranger =
                new TerminalClient("127.0.0.1", server.port(), KEYS, "999999999998", department)) {
            ISOMsg a = stranger.signOn();
            assertThat(a.getString(39))
                    .as("an unknown terminal is answered as a bad MAC is")
                    .isEqualTo("63");
            assertThat(a.getBytes(128)).containsOnly(0);
        }
        byte[] tak;
        try (TerminalClient t = client()) {
            tak = t.tak();
            ISOMsg m = t.message("0100");
            m.set(2, asn);
            m.set(3, "600000");
            m.set(4, "100");
            m.set(11, t.nextStan());
            m.set(12, "120000");
            m.set(13, "20261121");
            m.set(42, department);
            m.set(48, new byte[16]);
            m.set(49, "156");
            m.set(64, new byte[8]);
            ISOMsg badMac = t.exchangeUnsigned(m);
            assertThat(badMac.getMTI()).isEqualTo("0110");
            assertThat(badMac.getString(39)).isEqualTo("63");

            ISOMsg missing = t.message("0100");
            missing.set(11, t.nextStan());
            ISOMsg formatError = t.exchange(missing);
            assertThat(formatError.getString(39)).isEqualTo("30");

            ISOMsg odd = t.message("0600");
            odd.set(11, t.nextStan());
            ISOMsg unknownMti = t.exchange(odd);
            assertThat(unknownMti.getMTI()).isEqualTo("0610");
            assertThat(unknownMti.getString(39)).isEqualTo("12");
            assertThat(t.answerAuthentic(unknownMti)).isTrue();
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            byte[] garbage = {0x01, 0x00, (byte) 0xFF, (byte) 0xFF, 0x12};
            out.writeShort(garbage.length);
            out.write(garbage);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] answer = new byte[in.readUnsignedShort()];
            in.readFully(answer);
            ISOMsg r = new ISOMsg();
            r.setPackager(Iso8583Packagers.create());
            r.unpack(answer);
            assertThat(r.getMTI()).isEqualTo("0110");
            assertThat(r.getString(39)).isEqualTo("30");
        }

        assertThat(ledger.trialBalance()).isEqualTo(before);
        String log = output.getAll();
        assertThat(log).contains("answered 63").contains("answered 30").doesNotContain("answered 97");
        for (String id : new String[] {"MLK", "MTK", "LMK", "MTMK", "MPK"}) {
            assertThat(log).doesNotContain(Hex.of(KEYS.key(id)));
        }
        assertThat(log).doesNotContain(Hex.of(tak));
        assertThat(log)
                .doesNotContain(Hex.of(org.citycard.dictionary.crypto.TerminalKey.demo(terminalId)
                        .tmk()));
        assertThat(log).doesNotContain(Hex.of(CardCrypto.tdes().cardKey(KEYS.key("MLK"), asn)));
        assertThat(log).doesNotContain(Hex.of(hostKeys.dtk(asn)));
    }
}
