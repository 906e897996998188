package org.citycard.system.city;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.purse.PurseCard;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.system.TestDirs;
import org.citycard.system.city.CardCentre.IssuedCard;
import org.citycard.system.city.CityLayout.TerminalSpec;
import org.citycard.system.city.CityTerminal.Kind;
import org.citycard.system.city.CityTerminal.Pull;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A loss report (挂失) at the card centre reaches the terminals: one that has fetched the new hotlist blocks the card
 * on its next tap with its PSAM's block MAC and uploads the block event; one still on the old hotlist (offline
 * since) takes a purchase, which the server quarantines as made on a hotlisted card (Q5) and never settles; the
 * server declines a load of the lost card (41) at a counter that does not know of the loss yet.
 */
class LossReportTest {
    static City city;
    static IssuedCard card;
    static CityTerminal counter;
    static CityTerminal transit;
    static CityTerminal parking;

    @BeforeAll
    static void city() throws Exception {
        city = City.start(TestDirs.fresh("loss"));
        List<Citizens.Person> people = Citizens.make(2, 31);
        card = city.issue(people, people, asn -> {}).cards().get(0);
        counter = city.terminal(new TerminalSpec("310100000301", Kind.COUNTER, CityLayout.CARD_CENTRE.code()));
        transit = city.terminal(new TerminalSpec("310105000301", Kind.DEPARTMENT, CityLayout.TRANSIT.code()));
        parking = city.terminal(new TerminalSpec("310105000302", Kind.DEPARTMENT, CityLayout.PARKING.code()));
    }

    @AfterAll
    static void close() {
        if (city != null) {
            city.close();
        }
    }

    @Test
    void lostCard_isBlockedByATerminalWithTheNewHotlist_andAStaleTerminalsPurchaseIsQuarantined() throws Exception {
        assertThat(counter.tap(card.card(), new TapRequest.Load(5_000), Pull.NONE)
                        .type())
                .isEqualTo("loaded");
        assertThat(pay(transit).type()).isEqualTo("receipt");

        city.centre().reportLoss(card, "lost on the bus");
        assertThat(city.centre().state(card.asn())).startsWith("70");
        assertThat(city.admin().account(card.asn()).path("hotlisted").asBoolean())
                .isTrue();
        Thread.sleep(1_100); // the stale terminal's purchase is made in a later second than the listing

        AgentEvent stale = pay(parking); // parking has not signed on since: its hotlist is the old one
        assertThat(stale.type()).as("%s", stale.data()).isEqualTo("receipt");
        AgentEvent load = counter.tap(card.card(), new TapRequest.Load(1_000), Pull.NONE);
        assertThat(load.type())
                .as("the server declines loads of a lost card: %s", load.data())
                .isEqualTo("loadRefused");
        assertThat(load.data()).containsEntry("responseCode", "41");

        assertThat(transit.refreshLists()).isTrue();
        AgentEvent blocked = pay(transit);
        assertThat(blocked.type()).as("%s", blocked.data()).isEqualTo("hotlisted");
        assertThat(PurseCard.select(card.card()::transmit).blocked()).isTrue();
        assertThat(pay(transit).type()).isEqualTo("blocked");
        assertThat(transit.journal().all())
                .extracting(e -> e.record().recordType())
                .contains("A1");

        assertThat(transit.drain(30_000)).isTrue();
        assertThat(parking.drain(30_000)).isTrue();
        JournalEntry staleRecord = parking.journal().all().get(0);
        assertThat(staleRecord.result()).isEqualTo("Q5");
        assertThat(transit.journal().all())
                .filteredOn(r -> r.record().recordType().equals("A1"))
                .extracting(JournalEntry::result)
                .containsExactly("00");

        JsonNode account = city.admin().account(card.asn());
        assertThat(account.path("floatBalance").asLong())
                .as("the quarantined purchase is never settled")
                .isEqualTo(5_000 - 200);
        JsonNode q = city.admin().get("/api/v1/quarantine?asn=" + card.asn());
        assertThat(q).hasSize(1);
        assertThat(q.get(0).path("reason").asText()).isEqualTo("HOTLISTED");
        assertThat(q.get(0).path("terminalId").asText()).isEqualTo(parking.terminalId());
    }

    private static AgentEvent pay(CityTerminal t) {
        PurchaseRequest fare = new PurchaseRequest(200, t.department(), "", null);
        return t.tap(card.card(), new TapRequest.Pay(fare), Pull.NONE);
    }
}
