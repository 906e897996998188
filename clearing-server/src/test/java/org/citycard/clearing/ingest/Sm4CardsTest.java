package org.citycard.clearing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.citycard.clearing.crypto.HostKeys;
import org.citycard.clearing.ledger.LedgerQueries;
import org.citycard.clearing.load.LoadAuthoriser;
import org.citycard.clearing.load.LoadCompletion;
import org.citycard.clearing.load.LoadMessages;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.QuarantineReason;
import org.citycard.dictionary.wire.ResponseCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SM4 cards (issue 16, CARD-SPEC §7) beside 3DES cards on one server (Derby, full context, demo keys of both
 * algorithms): loads authorised and completed with the SM4 MAC1, MAC2 and TAC, purchases ingested with their SM4
 * TACs verified, a forged SM4 TAC quarantined, and a card's transactions verified only in the algorithm the card
 * registry holds for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class Sm4CardsTest {
    static final KeySet KEYS = KeySet.demo();

    @Autowired
    IngestService ingest;

    @Autowired
    LoadAuthoriser authoriser;

    @Autowired
    LoadCompletion completion;

    @Autowired
    ReferenceService reference;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    HostKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    TestData data;
    String department;
    String terminal;
    long ttsn = 500;
    int stan;

    @BeforeEach
    void fixtures() {
        data = new TestData(reference);
        department = data.department(30);
        terminal = data.terminal(department);
    }

    HostCardModel card(Algorithm alg) {
        return new HostCardModel(KEYS, alg, data.card(alg), 0, 0, 0);
    }

    LoadMessages.Authorisation loadRequest(HostCardModel card, long amount, byte[] cardData) {
        String[] now = TestData.dateTime(0);
        return new LoadMessages.Authorisation(
                terminal,
                String.format("%06d", ++stan + (TestData.unique() % 1000) * 1000),
                card.asn(),
                "600000",
                amount,
                now[0],
                now[1],
                department,
                cardData);
    }

    /** Loads the card online: 0100 (MAC1 checked, MAC2 made), the card takes it, 0220 with its TAC. */
    ResponseCode load(HostCardModel card, long amount) {
        LoadMessages.Authorisation req = loadRequest(card, amount, card.initializeForLoad(amount, terminal));
        LoadMessages.AuthorisationAnswer a = authoriser.authorise(req);
        assertThat(a.code()).isEqualTo(ResponseCode.APPROVED);
        byte[] tac = card.creditForLoad(a.hostData());
        return completion.complete(
                new LoadMessages.Completion(terminal, req.stan(), req.localDate(), card.asn(), amount, a.rrn(), tac));
    }

    byte[] purchase(HostCardModel card, long amount) {
        String[] t = TestData.dateTime(0);
        return card.purchase(amount, terminal, ++ttsn, t[0], t[1], department, "BILL-1");
    }

    BatchResult upload(byte[]... records) {
        byte[] all = new byte[records.length * OfflineRecord.SIZE];
        for (int i = 0; i < records.length; i++) {
            System.arraycopy(records[i], 0, all, i * OfflineRecord.SIZE, OfflineRecord.SIZE);
        }
        IngestService.Outcome o = ingest.ingest(new BatchUpload(
                terminal, String.format("%06d", TestData.unique() % 1_000_000), "000001", records.length, all));
        assertThat(o).isInstanceOf(IngestService.Outcome.Done.class);
        return ((IngestService.Outcome.Done) o).result();
    }

    long purchasesOf(String asn) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM purchase WHERE asn = ?", Long.class, asn);
    }

    List<String> details(String asn) {
        return jdbc.queryForList("SELECT detail FROM quarantine WHERE asn = ? ORDER BY id", String.class, asn);
    }

    @Test
    void theServerHoldsTheCardKeysOfBothAlgorithms() {
        assertThat(keys.supports(Algorithm.TDES)).isTrue();
        assertThat(keys.supports(Algorithm.SM4)).isTrue();
        assertThat(keys.cardPresence().available(Algorithm.SM4)).isTrue();
        // the SM4 DTK of CARD-SPEC §7.1
        assertThat(Hex.of(keys.dtk("31000000000000012345", Algorithm.SM4)))
                .isEqualTo("398CB5984BE861C86AE8F365AB806160");
        assertThat(keys.toString()).doesNotContain("398CB598");
    }

    @Test
    void anSm4Card_isLoadedOnline_withItsSm4Mac1Mac2AndTac_andItsPurchasesIngestWithTheirTacsVerified() {
        HostCardModel card = card(Algorithm.SM4);
        assertThat(reference.card(card.asn()).algorithm()).isEqualTo("04");

        assertThat(load(card, 10_000)).isEqualTo(ResponseCode.APPROVED);
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(10_000);

        BatchResult r = upload(purchase(card, 1_000), purchase(card, 250));

        assertThat(r.results()).isEqualTo("0000");
        assertThat(purchasesOf(card.asn())).isEqualTo(2);
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(8_750).isEqualTo(card.balance());
    }

    @Test
    void aForgedSm4Tac_isQuarantinedQ1_andNotPosted() {
        HostCardModel card = card(Algorithm.SM4);
        load(card, 5_000);
        byte[] record = purchase(card, 100);
        record[OfflineRecord.CODEC.offset("tac")] ^= 0x01;

        BatchResult r = upload(record);

        assertThat(r.results()).isEqualTo(QuarantineReason.TAC_INVALID.code());
        assertThat(purchasesOf(card.asn())).isZero();
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(5_000);
        assertThat(details(card.asn())).containsExactly("TAC does not verify with the card's DTK");
    }

    @Test
    void a3desAndAnSm4Card_inOneBatch_areBothVerifiedInTheirOwnAlgorithm() {
        HostCardModel tdes = card(Algorithm.TDES);
        HostCardModel sm4 = card(Algorithm.SM4);
        load(tdes, 3_000);
        load(sm4, 4_000);
        byte[] forgedSm4 = purchase(sm4, 10);
        forgedSm4[OfflineRecord.CODEC.offset("tac") + 3] ^= 0x40;
        sm4 = new HostCardModel(KEYS, Algorithm.SM4, sm4.asn(), 4_000, 0, 1);

        BatchResult r = upload(purchase(tdes, 300), purchase(sm4, 400), purchase(tdes, 30), purchase(sm4, 40));

        assertThat(r.results()).isEqualTo("00000000");
        assertThat(ledger.cardFloat(tdes.asn())).isEqualTo(2_670);
        assertThat(ledger.cardFloat(sm4.asn())).isEqualTo(3_560);
        assertThat(upload(forgedSm4).results()).isEqualTo("Q1");
    }

    @Test
    void anSm4CardsRecord_claiming3des_withAValid3desTac_isQuarantined_notVerifiedWithThe3desKeys() {
        HostCardModel sm4Card = card(Algorithm.SM4);
        load(sm4Card, 5_000);
        // the same card number under the 3DES keys: what a holder of the 3DES master keys could make
        HostCardModel downgraded = new HostCardModel(KEYS, Algorithm.TDES, sm4Card.asn(), 5_000, 0, 1);

        BatchResult r = upload(purchase(downgraded, 100));

        assertThat(r.results()).isEqualTo("Q1");
        assertThat(purchasesOf(sm4Card.asn())).isZero();
        assertThat(details(sm4Card.asn()))
                .containsExactly("TAC cannot be verified: algorithm 00 is not the card's (04, as registered)");
    }

    @Test
    void anSm4CardsLoad_claiming3des_isRefused63_andChangesNothing() {
        HostCardModel sm4Card = card(Algorithm.SM4);
        HostCardModel downgraded = new HostCardModel(KEYS, Algorithm.TDES, sm4Card.asn(), 0, 0, 0);

        LoadMessages.AuthorisationAnswer a =
                authoriser.authorise(loadRequest(downgraded, 1_000, downgraded.initializeForLoad(1_000, terminal)));

        assertThat(a.code()).isEqualTo(ResponseCode.SECURITY_VIOLATION);
        assertThat(ledger.cardFloat(sm4Card.asn())).isZero();
        // and the card itself, in its own algorithm, is served
        assertThat(load(sm4Card, 1_000)).isEqualTo(ResponseCode.APPROVED);
    }

    @Test
    void anSm4LoadWithAForgedMac1_isRefused63_andAForgedLoadTac_doesNotComplete() {
        HostCardModel card = card(Algorithm.SM4);
        byte[] init = card.initializeForLoad(2_000, terminal);
        init[init.length - 1] ^= 0x01;
        assertThat(authoriser.authorise(loadRequest(card, 2_000, init)).code())
                .isEqualTo(ResponseCode.SECURITY_VIOLATION);

        LoadMessages.Authorisation req = loadRequest(card, 2_000, card.initializeForLoad(2_000, terminal));
        LoadMessages.AuthorisationAnswer a = authoriser.authorise(req);
        assertThat(a.code()).isEqualTo(ResponseCode.APPROVED);
        byte[] tac = card.creditForLoad(a.hostData());
        byte[] wrong = tac.clone();
        wrong[0] ^= 0x01;
        ResponseCode forged = completion.complete(
                new LoadMessages.Completion(terminal, req.stan(), req.localDate(), card.asn(), 2_000, a.rrn(), wrong));
        assertThat(forged).isNotEqualTo(ResponseCode.APPROVED);
        assertThat(ledger.cardFloat(card.asn())).isZero();
        assertThat(completion.complete(new LoadMessages.Completion(
                        terminal, req.stan(), req.localDate(), card.asn(), 2_000, a.rrn(), tac)))
                .isEqualTo(ResponseCode.APPROVED);
        assertThat(ledger.cardFloat(card.asn())).isEqualTo(2_000);
    }

    @Test
    void theSm4LoadMac2_isTheOneOfCardSpec71_forTheSpecCardAndInputs() {
        // the host's MAC2 under the SM4 SESLK of §7.1 (random 55667788, online seq 0003, terminal 123456789012,
        // 20261121 090000, 100.00 CNY): 269DBC68
        CardCrypto sm4 = CardCrypto.sm4();
        byte[] seslk = sm4.loadSessionKey(
                keys.dlk("31000000000000012345", Algorithm.SM4), Hex.parse("55667788"), Hex.parse("0003"));
        assertThat(Hex.of(sm4.loadMac2(
                        seslk,
                        Amounts.toBytes(10_000, 4),
                        Bcd.encode("123456789012", 6),
                        Hex.parse("20261121"),
                        Hex.parse("090000"))))
                .isEqualTo("269DBC68");
    }
}
