package org.citycard.agent.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.citycard.agent.card.ApduTransport;
import org.citycard.agent.hotlist.ServerApi;
import org.citycard.agent.purse.CardQueries;
import org.citycard.agent.purse.PurseCard;

/**
 * What the kiosk shows of a card: balance and the card's log, and with the PIN typed on the pad (waited for, never
 * logged, cleared after use) the holder's masked identity and the server's social-security summary.
 */
final class CardQuery {
    private final ServerApi server;
    private final EventBus events;
    private final BlockingQueue<char[]> pins = new LinkedBlockingQueue<>(1);
    private volatile long pinWaitMs = 30_000;

    CardQuery(ServerApi server, EventBus events) {
        this.server = server;
        this.events = events;
    }

    void pinWait(long ms) {
        this.pinWaitMs = ms;
    }

    void offerPin(char[] pin) {
        pins.clear();
        pins.offer(pin);
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
        events.publish(AgentEvent.of("pin", "en", "Enter your PIN", "zh", "请输入密码"));
        char[] pin;
        try {
            pin = pins.poll(pinWaitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return info;
        }
        if (pin == null) {
            return info;
        }
        CardQueries.Identity id;
        try {
            id = CardQueries.identity(card, pin);
        } finally {
            Arrays.fill(pin, '\0');
        }
        Object summary = null;
        if (server != null) {
            try {
                summary = server.socialSecuritySummary(id.socialSecurityNumber(), purse.asn());
            } catch (java.io.IOException e) {
                summary = Map.of("unavailable", e.getMessage());
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
