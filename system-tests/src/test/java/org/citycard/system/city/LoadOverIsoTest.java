package org.citycard.system.city;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.citycard.agent.journal.LoadEvent;
import org.citycard.agent.purse.CardQueries;
import org.citycard.agent.purse.PurseCard;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.TapRequest;
import org.citycard.clearing.testing.TerminalClient;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.system.TestDirs;
import org.citycard.system.city.CardCentre.IssuedCard;
import org.citycard.system.city.CityLayout.TerminalSpec;
import org.citycard.system.city.CityTerminal.Kind;
import org.citycard.system.city.CityTerminal.Pull;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Online loads with the real applets over ISO 8583: the counter's agent, the card (jCardSim behind
 * javax.smartcardio) and the server's authorisation (MAC1 checked with DLK, MAC2 back, TAC in the 0220). A load
 * above the purse's maximum is refused by the card before anything is asked of the server; a load whose CREDIT
 * answer is lost is proven on the card's next tap and completed once, never credited twice; the card's INITIALIZE
 * FOR LOAD answer sent again under a new STAN is refused 94 (issue 14).
 */
class LoadOverIsoTest {
    static City city;
    static List<IssuedCard> cards;
    static CityTerminal counter;

    @BeforeAll
    static void city() throws Exception {
        city = City.start(TestDirs.fresh("load"));
        List<Citizens.Person> people = Citizens.make(3, 23);
        cards = city.issue(people, people, asn -> {}).cards();
        counter = city.terminal(new TerminalSpec("310100000201", Kind.COUNTER, CityLayout.CARD_CENTRE.code()));
    }

    @AfterAll
    static void close() {
        if (city != null) {
            city.close();
        }
    }

    @Test
    void load_isAuthorisedCreditedAndCompleted_andAboveTheMaximum_refusedByTheCard() throws Exception {
        IssuedCard card = cards.get(0);
        AgentEvent e = counter.tap(card.card(), new TapRequest.Load(30_000), Pull.NONE);
        assertThat(e.type()).as("%s", e.data()).isEqualTo("loaded");
        assertThat(e.data()).containsEntry("balance", 30_000L);
        assertThat(balance(card)).isEqualTo(30_000);

        AgentEvent tooMuch = counter.tap(card.card(), new TapRequest.Load(80_000), Pull.NONE);
        assertThat(tooMuch.type()).as("%s", tooMuch.data()).isEqualTo("error");
        assertThat(tooMuch.data()).containsEntry("sw", "9401");
        assertThat(balance(card)).isEqualTo(30_000);

        assertThat(counter.drain(30_000)).isTrue();
        JsonNode loads = city.admin()
                .get("/api/v1/cards/" + card.asn() + "/transactions")
                .path("loads");
        assertThat(loads)
                .as("nothing was asked of the server for the refused load")
                .hasSize(1);
        assertThat(loads.get(0).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(loads.get(0).path("newBalance").asLong()).isEqualTo(30_000);
        assertThat(city.admin().account(card.asn()).path("floatBalance").asLong())
                .isEqualTo(30_000);
    }

    @Test
    void loadWhoseAnswerIsLost_isProvenOnTheNextTap_andCompletedOnce() throws Exception {
        IssuedCard card = cards.get(1);
        AgentEvent torn = counter.tap(card.card(), new TapRequest.Load(20_000), Pull.AFTER_CREDIT);
        assertThat(torn.type()).as("%s", torn.data()).isEqualTo("error");
        assertThat(torn.data()).containsEntry("kind", "lost");
        assertThat(counter.journal().loads().uncertainFor(card.asn())).hasSize(1);
        assertThat(balance(card))
                .as("the card took the load before it was pulled away")
                .isEqualTo(20_000);

        AgentEvent next = counter.tap(card.card(), new TapRequest.Query(false), Pull.NONE);
        assertThat(next.type()).as("%s", next.data()).isEqualTo("balance");
        assertThat(next.data()).containsEntry("balance", 20_000L);
        assertThat(counter.drain(30_000)).isTrue();
        assertThat(counter.journal().loads().inState(LoadEvent.State.COMPLETED))
                .filteredOn(l -> l.asn().equals(card.asn()))
                .hasSize(1);

        JsonNode loads = city.admin()
                .get("/api/v1/cards/" + card.asn() + "/transactions")
                .path("loads");
        assertThat(loads).hasSize(1);
        assertThat(loads.get(0).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(city.admin().account(card.asn()).path("floatBalance").asLong())
                .isEqualTo(20_000);
        assertThat(balance(card)).isEqualTo(20_000);
    }

    @Test
    void theCardsLoadAnswer_sentAgainUnderANewStan_isRefused94_andTheCardIsCreditedOnce() throws Exception {
        IssuedCard card = cards.get(2);
        AgentEvent e = counter.tap(card.card(), new TapRequest.Load(10_000), Pull.NONE);
        assertThat(e.type()).as("%s", e.data()).isEqualTo("loaded");
        assertThat(counter.drain(30_000)).isTrue();
        LoadEvent done = counter.journal().loads().all().stream()
                .filter(l -> l.asn().equals(card.asn()))
                .findFirst()
                .orElseThrow();

        // the real applet's INITIALIZE FOR LOAD answer as the counter's journal kept it, under a STAN it never used
        String otherStan = String.format("%06d", (done.stan() + 500_000) % 999_999 + 1);
        try (TerminalClient t = new TerminalClient(
                "127.0.0.1", city.server().isoPort(), KeySet.demo(), counter.terminalId(), counter.department())) {
            ISOMsg replay = t.authorise(
                    card.asn(),
                    done.amount(),
                    otherStan,
                    done.requestDate(),
                    done.requestTime(),
                    Hex.parse(done.initData()));
            assertThat(replay.getString(39)).isEqualTo("94");
        }

        JsonNode loads = city.admin()
                .get("/api/v1/cards/" + card.asn() + "/transactions")
                .path("loads");
        assertThat(loads).hasSize(1);
        assertThat(loads.get(0).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(city.admin().account(card.asn()).path("floatBalance").asLong())
                .isEqualTo(10_000);
        assertThat(balance(card)).isEqualTo(10_000);
    }

    static long balance(IssuedCard card) {
        PurseCard.select(card.card()::transmit);
        return CardQueries.balance(card.card()::transmit);
    }
}
