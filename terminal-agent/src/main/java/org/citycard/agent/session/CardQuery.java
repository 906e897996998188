package org.citycard.agent.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.citycard.agent.hotlist.ServerApi;
import org.citycard.agent.purse.CardQueries;
import org.citycard.agent.purse.PurseCard;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.command.CardRefusedException;
import org.citycard.cardlink.command.InternalAuthenticate;

/**
 * What the kiosk shows of a card: balance and the card's log, and with the PIN typed on the pad (waited for, never
 * logged, cleared after use) the holder's masked identity and the server's social-security summary, which the
 * server gives only with the card's INTERNAL AUTHENTICATE of its challenge (the card is present).
 */
final class CardQuery {
    private final ServerApi server;
    private final EventBus events;
    private final PinSlot pins = new PinSlot();
    private volatile long pinWaitMs = 30_000;
    /** PIN prompts on one tap: the first and the retries after a timeout or a wrong PIN. */
    private static final int PIN_ROUNDS = 3;

    CardQuery(ServerApi server, EventBus events) {
        this.server = server;
        this.events = events;
    }

    void pinWait(long ms) {
        this.pinWaitMs = ms;
    }

    /** A PIN from the pad: taken only while this tap's query waits for one; false (and wiped) otherwise. */
    boolean offerPin(char[] pin) {
        return pins.offer(pin);
    }

    /** The citizen gave up at the PIN pad: the tap ends with what it has read (balance and log). */
    boolean cancelPin() {
        return pins.cancel();
    }

    /** The tap is over: a PIN typed from now on is refused. */
    void endTap() {
        pins.close();
    }

    AgentEvent query(ApduTransport card, PurseCard purse, boolean identity) {
        long balance = CardQueries.balance(card);
        List<Map<String, Object>> log = new ArrayList<>();
        for (CardQueries.LogEntry e : CardQueries.transactionLog(card)) {
            log.add(Map.of(
                    "seq",
                    e.seq(),
                    "amount",
                    e.amount(),
                    "type",
                    e.type(),
                    "typeName",
                    e.typeName(),
                    "terminal",
                    e.terminalId(),
                    "date",
                    e.date(),
                    "time",
                    e.time()));
        }
        AgentEvent info = AgentEvent.of("balance", "asn", purse.maskedAsn(), "balance", balance, "log", log);
        if (!identity) {
            return info;
        }
        events.publish(info);
        pins.open();
        events.publish(AgentEvent.of("pin", "en", "Enter your PIN", "zh", "请输入密码"));
        CardQueries.Identity id = null;
        // a timeout or a wrong PIN (tries left) asks again on the same tap, up to PIN_ROUNDS prompts
        for (int round = 1; id == null; round++) {
            char[] pin;
            try {
                pin = pins.take(pinWaitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return info;
            }
            if (pin == null || pin.length == 0) {
                boolean cancelled = pin != null;
                if (cancelled || round >= PIN_ROUNDS) {
                    info.data().put(cancelled ? "pinCancelled" : "pinTimedOut", true);
                    return info;
                }
                events.publish(AgentEvent.of("pinRetry", "why", "timeout", "round", round));
                continue;
            }
            try {
                id = CardQueries.identity(card, pin);
            } catch (CardRefusedException e) {
                if (e.triesLeft() <= 0 || round >= PIN_ROUNDS) {
                    throw e;
                }
                pins.open();
                events.publish(AgentEvent.of(
                        "pinRetry",
                        "why",
                        "wrong",
                        "round",
                        round,
                        "sw",
                        String.format("%04X", e.sw()),
                        "triesLeft",
                        e.triesLeft()));
            } finally {
                Arrays.fill(pin, '\0');
            }
        }
        Object summary = null;
        if (server != null) {
            try {
                // the card proves it is present (CARD-SPEC §4.6): the SSSE, still selected after the PIN, answers
                // the server's challenge; the server answers only for this card's holder
                byte[] challenge = server.challenge();
                byte[] cryptogram = InternalAuthenticate.send(card, challenge);
                summary = server.socialSecuritySummary(id.socialSecurityNumber(), purse.asn(), challenge, cryptogram);
            } catch (java.io.IOException e) {
                summary = Map.of("unavailable", e.getMessage());
            } catch (CardRefusedException e) {
                summary = Map.of(
                        "unavailable",
                        "the card did not answer INTERNAL AUTHENTICATE (SW " + String.format("%04X", e.sw())
                                + "): no social-security data without the card's proof");
            }
        }
        return AgentEvent.of(
                "identity",
                "asn",
                purse.maskedAsn(),
                "balance",
                balance,
                "log",
                log,
                "name",
                id.maskedName(),
                "number",
                id.maskedNumber(),
                "sex",
                id.sex(),
                "socialSecurity",
                summary == null ? Map.of() : summary);
    }
}
