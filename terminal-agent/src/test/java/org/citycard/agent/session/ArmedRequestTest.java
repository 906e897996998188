package org.citycard.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.purse.PurseCard;
import org.citycard.agent.testing.SimRig;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.command.GetBalance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An armed payment is for the citizen at the terminal now, and a PIN for the card that asks for it: the next
 * citizen never pays the previous one's bill, and a PIN typed while no card asks is not spent on the next card.
 * Real applets in jCardSim; time moved by the test's own clock, not waited for.
 */
class ArmedRequestTest {
    private static final String A = "31000000000000011111";
    private static final String B = "31000000000000022222";
    private SimRig rig;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        rig = new SimRig();
        rig.agent.taps().ticker(now::get);
        rig.agent.events().subscribe(events::add);
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    private static TapRequest.Pay bill(long fen) {
        return new TapRequest.Pay(new PurchaseRequest(fen, "0201", "W-2026-0042", null));
    }

    private static long balance(SimulatedCard card) {
        PurseCard.select(SimRig.direct(card));
        return GetBalance.send(SimRig.direct(card));
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void armedPayment_refusedTap_isCleared_andTheNextCitizenPaysNothing() {
        SimulatedCard poor = rig.card(A, 100);
        SimulatedCard next = rig.card(B, 10_000);
        rig.agent.taps().arm(bill(5_000));
        AgentEvent refused = rig.agent.tap(SimRig.direct(poor));
        assertThat(refused.type()).isEqualTo("error");
        assertThat(refused.data()).containsEntry("kind", "INSUFFICIENT_FUNDS");
        assertThat(rig.agent.taps().armedRequest())
                .as("a refused tap clears the payment")
                .isNull();

        AgentEvent e = rig.agent.tap(SimRig.direct(next));
        assertThat(e.type()).isEqualTo("balance");
        assertThat(balance(next)).isEqualTo(10_000);
        assertThat(rig.journal.all()).isEmpty();
    }

    @Test
    void armedPayment_expiresAfter60Seconds_andTheLateTapPaysNothing() {
        SimulatedCard card = rig.card(A, 10_000);
        rig.agent.taps().arm(bill(1_234));
        advance(Duration.ofSeconds(59));
        assertThat(rig.agent.taps().armedRequest()).as("still waiting at 59 s").isNotNull();
        advance(Duration.ofSeconds(1));
        assertThat(rig.agent.taps().armedRequest()).as("expired at 60 s").isNull();
        assertThat(events).extracting(AgentEvent::type).contains("armExpired");

        AgentEvent e = rig.agent.tap(SimRig.direct(card));
        assertThat(e.type()).isEqualTo("balance");
        assertThat(balance(card)).isEqualTo(10_000);
    }

    @Test
    void armExpiry_isConfigurable_andALoadExpiresToo() {
        SimulatedCard card = rig.card(A, 1_000);
        rig.agent.taps().armExpiry(Duration.ofSeconds(10));
        rig.agent.taps().arm(new TapRequest.Load(2_000));
        assertThat(events)
                .filteredOn(e -> e.type().equals("armed"))
                .singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("expiresInMs", 10_000L));
        advance(Duration.ofSeconds(10));
        assertThat(rig.agent.tap(SimRig.direct(card)).type()).isEqualTo("balance");
        assertThat(balance(card)).isEqualTo(1_000);
    }

    @Test
    void armExpiry_refusesZero() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> rig.agent.taps().armExpiry(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arm expiry PT0S")
                .hasMessageContaining("positive");
    }

    @Test
    void lostDebitAnswer_staysArmedForThatCardOnly_anotherCardPaysNothing() {
        SimulatedCard first = rig.card(A, 10_000);
        SimulatedCard other = rig.card(B, 10_000);
        rig.agent.taps().arm(bill(250));
        AgentEvent lost = rig.agent.tap(SimRig.losing(first, 0x54, true, new AtomicInteger(1)));
        assertThat(lost.data()).containsEntry("kind", "lost");
        assertThat(rig.agent.taps().armedRequest())
                .as("kept for the card whose answer was lost")
                .isNotNull();

        AgentEvent e = rig.agent.tap(SimRig.direct(other));
        assertThat(e.type()).isEqualTo("balance");
        assertThat(balance(other)).isEqualTo(10_000);
        assertThat(rig.agent.taps().armedRequest()).isNull();
    }

    @Test
    void lostDebitAnswer_theSameCardsNextTapProvesIt_paidOnce() {
        SimulatedCard card = rig.card(A, 10_000);
        rig.agent.taps().arm(bill(250));
        rig.agent.tap(SimRig.losing(card, 0x54, true, new AtomicInteger(1)));
        AgentEvent again = rig.agent.tap(SimRig.direct(card));
        assertThat(again.type()).isEqualTo("receipt");
        assertThat(again.data()).containsEntry("recovered", true).containsEntry("balance", 9_750L);
        assertThat(balance(card)).isEqualTo(9_750);
    }

    @Test
    void strayPin_isRefused_andCostsTheNextCardNoTry() {
        SimulatedCard card = rig.card(A, 1_000);
        rig.agent.taps().pinWait(5_000);
        assertThat(rig.agent.taps().offerPin("999999".toCharArray()))
                .as("no query waits: the PIN is refused")
                .isFalse();
        rig.agent.events().subscribe(ev -> {
            if (ev.type().equals("pin")) {
                rig.agent.taps().offerPin("123456".toCharArray());
            }
        });
        rig.agent.taps().arm(new TapRequest.Query(true));
        AgentEvent e = rig.agent.tap(SimRig.direct(card));
        assertThat(e.type()).isEqualTo("identity");
        assertThat(events).extracting(AgentEvent::type).doesNotContain("pinRetry");
    }

    @Test
    void pin_isTakenOnceAfterThePrompt_aSecondPressAndALatePinAreRefused() {
        SimulatedCard card = rig.card(A, 1_000);
        rig.agent.taps().pinWait(5_000);
        List<Boolean> taken = new CopyOnWriteArrayList<>();
        rig.agent.events().subscribe(ev -> {
            if (ev.type().equals("pin")) {
                taken.add(rig.agent.taps().offerPin("123456".toCharArray()));
                taken.add(rig.agent.taps().offerPin("123456".toCharArray()));
            }
        });
        rig.agent.taps().arm(new TapRequest.Query(true));
        assertThat(rig.agent.tap(SimRig.direct(card)).type()).isEqualTo("identity");
        assertThat(taken).containsExactly(true, false);
        assertThat(rig.agent.taps().offerPin("123456".toCharArray()))
                .as("the tap is over")
                .isFalse();
        assertThat(rig.agent.taps().cancelPin()).isFalse();
    }
}
