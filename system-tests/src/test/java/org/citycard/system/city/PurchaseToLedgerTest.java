package org.citycard.system.city;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.agent.purse.CardQueries;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.purse.PurseCard;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.system.TestDirs;
import org.citycard.system.city.CardCentre.IssuedCard;
import org.citycard.system.city.CityLayout.TerminalSpec;
import org.citycard.system.city.CityTerminal.Kind;
import org.citycard.system.city.CityTerminal.Pull;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end over the wire: a card made by the issuance tool, loaded at a counter over ISO 8583, paying a hospital
 * bill (compound purchase with the registration number) at the hospital's terminal; the agent uploads it, and the
 * server's ledger, REST API and shadow account agree with the card, down to a TAC re-verified from the server's
 * own record of what was MACed.
 */
class PurchaseToLedgerTest {
    static City city;
    static IssuedCard card;
    static CityTerminal counter;
    static CityTerminal hospital;

    @BeforeAll
    static void city() throws Exception {
        city = City.start(TestDirs.fresh("purchase"));
        List<Citizens.Person> people = Citizens.make(2, 11);
        card = city.issue(people, people, asn -> {}).cards().get(0);
        counter = city.terminal(new TerminalSpec("310100000101", Kind.COUNTER, CityLayout.CARD_CENTRE.code()));
        hospital = city.terminal(new TerminalSpec("310105000101", Kind.DEPARTMENT, CityLayout.HOSPITAL.code()));
    }

    @AfterAll
    static void close() {
        if (city != null) {
            city.close();
        }
    }

    @Test
    void hospitalBill_isUploaded_verified_andPostedToTheHospital() throws Exception {
        AgentEvent loaded = counter.tap(card.card(), new TapRequest.Load(10_000), Pull.NONE);
        assertThat(loaded.type()).as("%s", loaded.data()).isEqualTo("loaded");

        PurchaseRequest bill = new PurchaseRequest(2_350, "0501", "REG-000042", "05");
        AgentEvent receipt = hospital.tap(card.card(), new TapRequest.Pay(bill), Pull.NONE);
        assertThat(receipt.type()).as("%s", receipt.data()).isEqualTo("receipt");
        assertThat(receipt.data()).containsEntry("balance", 7_650L).containsEntry("payee", "REG-000042");
        assertThat(hospital.drain(30_000)).isTrue();
        assertThat(hospital.journal().all())
                .filteredOn(r -> r.record().asn().equals(card.asn()))
                .extracting(JournalEntry::result)
                .containsExactly("00");

        ServerAdmin admin = city.admin();
        JsonNode purchases =
                admin.get("/api/v1/cards/" + card.asn() + "/transactions").path("purchases");
        assertThat(purchases).hasSize(1);
        JsonNode p = purchases.get(0);
        assertThat(p.path("amount").asLong()).isEqualTo(2_350);
        assertThat(p.path("departmentCode").asText()).isEqualTo("0501");
        assertThat(p.path("payeeReference").asText().strip()).isEqualTo("REG-000042");
        assertThat(p.path("recordType").asText()).isEqualTo("09");
        assertThat(p.path("terminalId").asText()).isEqualTo(hospital.terminalId());
        assertThat(p.path("tac").asText()).isEqualTo(receipt.data().get("tac"));
        assertThat(p.path("fee").asLong()).isEqualTo(2); // 10 bp of 23.50, half up
        assertThat(tacFromTheServersInput(p)).isEqualTo(p.path("tac").asText());

        JsonNode totals = admin.dayTotals(p.path("businessDate").asText()).path("purchases");
        JsonNode hospitalDay = find(totals, "0501");
        assertThat(hospitalDay.path("count").asLong()).isEqualTo(1);
        assertThat(hospitalDay.path("gross").asLong()).isEqualTo(2_350);
        assertThat(hospitalDay.path("net").asLong()).isEqualTo(2_348);

        JsonNode account = admin.account(card.asn());
        PurseCard.select(card.card()::transmit);
        long onCard = CardQueries.balance(card.card()::transmit);
        assertThat(onCard).isEqualTo(7_650);
        assertThat(account.path("floatBalance").asLong()).isEqualTo(onCard);
        assertThat(account.path("chainBalance").asLong()).isEqualTo(onCard);
        JsonNode trial = admin.trialBalance();
        assertThat(trial.path("debits").asLong())
                .isEqualTo(trial.path("credits").asLong());
        assertThat(trial.path("unbalancedJournals").asLong()).isZero();
    }

    /** The TAC recomputed from the bytes the server says it verified, with the card's DTK from the demo MTK. */
    private static String tacFromTheServersInput(JsonNode purchase) {
        byte[] in = Hex.parse("tacInput", purchase.path("tacInput").asText());
        byte[] dtk = CardCrypto.tdes().cardKey(KeySet.demo().key("MTK"), card.asn());
        byte[] tac = CardCrypto.tdes()
                .purchaseTac(
                        dtk,
                        java.util.Arrays.copyOfRange(in, 0, 4),
                        in[4],
                        java.util.Arrays.copyOfRange(in, 5, 11),
                        java.util.Arrays.copyOfRange(in, 11, 15),
                        java.util.Arrays.copyOfRange(in, 15, 19),
                        java.util.Arrays.copyOfRange(in, 19, 22));
        return Hex.of(tac);
    }

    static JsonNode find(JsonNode departments, String code) {
        for (JsonNode d : departments) {
            if (d.path("departmentCode").asText().equals(code)) {
                return d;
            }
        }
        throw new AssertionError("no department " + code + " in " + departments);
    }
}
