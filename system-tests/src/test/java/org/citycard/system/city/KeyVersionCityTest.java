package org.citycard.system.city;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.agent.journal.LoadEvent;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.cardlink.perso.CardRekeyer;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.system.TestDirs;
import org.citycard.system.city.CardCentre.IssuedCard;
import org.citycard.system.city.CityLayout.TerminalSpec;
import org.citycard.system.city.CityTerminal.Kind;
import org.citycard.system.city.CityTerminal.Pull;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Key rotation end to end with the real applets (issue 22): a card of key version 02 made by the issuance tool beside
 * one of 01, both loaded at a counter over ISO 8583 and paying at a department terminal whose PSAM holds both
 * versions, their records verified by the server with the keys of each card's version; version 01 retired at the
 * server, after which the 01 card's load is declined K1 (its records would be quarantined QK: KeyVersionServerTest);
 * the card re-keyed at the counter to 02, after which it loads and pays again and its record is accepted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyVersionCityTest {
    static City city;
    static IssuedCard oldCard;
    static IssuedCard newCard;
    static CityTerminal counter;
    static CityTerminal shop;

    @BeforeAll
    static void city() throws Exception {
        city = City.start(TestDirs.fresh("keyver"));
        List<Citizens.Person> people = Citizens.make(2, 37);
        CardCentre centre = city.centre();
        centre.enrol(people, people);
        oldCard = centre.produce(people, asn -> {}, Algorithm.TDES, 1, 1).get(0);
        newCard = centre.produce(people, asn -> {}, Algorithm.TDES, 1, 2).get(0);
        centre.handOver(oldCard);
        centre.handOver(newCard);
        counter = city.terminal(new TerminalSpec("310100000301", Kind.COUNTER, CityLayout.CARD_CENTRE.code()));
        shop = city.terminal(new TerminalSpec("310105000301", Kind.DEPARTMENT, CityLayout.HOSPITAL.code()));
    }

    @AfterAll
    static void close() {
        if (city != null) {
            city.close();
        }
    }

    @Test
    @Order(1)
    void cardsOfVersions01And02_loadAndPay_andTheServerVerifiesEachWithItsVersion() throws Exception {
        assertThat(city.admin()
                        .get("/api/v1/cards/" + newCard.asn())
                        .path("keyVersion")
                        .asInt())
                .isEqualTo(2);
        assertThat(city.admin()
                        .get("/api/v1/cards/" + oldCard.asn())
                        .path("keyVersion")
                        .asInt())
                .isEqualTo(1);
        for (IssuedCard card : List.of(newCard, oldCard)) {
            AgentEvent loaded = counter.tap(card.card(), new TapRequest.Load(5_000), Pull.NONE);
            assertThat(loaded.type()).as("%s %s", card, loaded.data()).isEqualTo("loaded");
            AgentEvent receipt = shop.tap(card.card(), new TapRequest.Pay(bill(400)), Pull.NONE);
            assertThat(receipt.type()).as("%s %s", card, receipt.data()).isEqualTo("receipt");
        }
        assertThat(counter.drain(30_000)).isTrue();
        assertThat(shop.drain(30_000)).isTrue();
        assertThat(shop.journal().all())
                .extracting(JournalEntry::result)
                .as("both records verified (TAC with the MTK of each card's version)")
                .containsExactly("00", "00");
        assertThat(completedLoads(newCard)).isEqualTo(1);
        assertThat(completedLoads(oldCard)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void retiringVersion01_declinesTheOldCardsLoadK1_andNotTheNewCards() throws Exception {
        JsonNode retired = city.admin().post("/api/v1/admin/key-versions/1/retire", Map.of("reason", "rotation test"));
        assertThat(retired.path("state").asText()).isEqualTo("RETIRED");

        counter.tap(oldCard.card(), new TapRequest.Load(1_000), Pull.NONE);
        assertThat(counter.journal().loads().all())
                .filteredOn(l -> l.asn().equals(oldCard.asn()) && l.state() == LoadEvent.State.DECLINED)
                .extracting(LoadEvent::responseCode)
                .containsExactly("K1");

        AgentEvent stillFine = counter.tap(newCard.card(), new TapRequest.Load(1_000), Pull.NONE);
        assertThat(stillFine.type()).as("%s", stillFine.data()).isEqualTo("loaded");
    }

    @Test
    @Order(3)
    void rekeyAtTheCounter_movesTheCardTo02_andItLoadsAndPaysAgain() throws Exception {
        CardRekeyer.Outcome o = city.centre().rekey(oldCard, 2);
        assertThat(o.fromVersion()).isEqualTo(1);
        assertThat(o.toVersion()).isEqualTo(2);
        assertThat(city.admin()
                        .get("/api/v1/cards/" + oldCard.asn())
                        .path("keyVersion")
                        .asInt())
                .isEqualTo(2);

        AgentEvent loaded = counter.tap(oldCard.card(), new TapRequest.Load(2_000), Pull.NONE);
        assertThat(loaded.type()).as("%s", loaded.data()).isEqualTo("loaded");
        AgentEvent receipt = shop.tap(oldCard.card(), new TapRequest.Pay(bill(300)), Pull.NONE);
        assertThat(receipt.type()).as("%s", receipt.data()).isEqualTo("receipt");
        assertThat(shop.drain(30_000)).isTrue();
        assertThat(shop.journal().all())
                .filteredOn(r -> r.record().asn().equals(oldCard.asn()))
                .extracting(JournalEntry::result)
                .containsExactly("00", "00");
        JsonNode audit = city.admin().get("/api/v1/admin/key-versions/audit");
        assertThat(audit.toString()).contains("RETIRE version 01").contains("REKEY version 02 card " + oldCard.asn());
    }

    private static PurchaseRequest bill(long fen) {
        return new PurchaseRequest(fen, "0501", "REG-KV", "05");
    }

    private static long completedLoads(IssuedCard card) {
        JsonNode loads = city.admin()
                .get("/api/v1/cards/" + card.asn() + "/transactions")
                .path("loads");
        int n = 0;
        for (JsonNode l : loads) {
            if (l.path("status").asText().equals("COMPLETED")) {
                n++;
            }
        }
        return n;
    }
}
