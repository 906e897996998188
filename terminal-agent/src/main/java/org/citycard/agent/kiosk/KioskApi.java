package org.citycard.agent.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycard.agent.purse.PurchaseRequest;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.TapRequest;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;

/**
 * The pages' JSON API: {@code GET /api/status}, {@code GET /api/departments}, {@code POST /api/pay}
 * ({department, category, payee, amount}), {@code POST /api/load} ({amount}), {@code POST /api/pin} ({pin}),
 * {@code POST /api/cancel}, {@code POST /api/pin/cancel}, {@code GET /api/messages} (the dictionary's citizen
 * messages), {@code POST /api/sim/remove|insert} (simulated reader only). Amounts are in fen. A PIN goes straight to
 * the query that asks for it and is never echoed; with no query waiting it is refused (409), not kept.
 */
final class KioskApi {
    record Reply(int status, Object body) {}

    private final TerminalAgent agent;
    private final ObjectMapper json;
    private final HostWatch host;
    private final CardSlot simSlot;

    KioskApi(TerminalAgent agent, ObjectMapper json, HostWatch host, CardSlot simSlot) {
        this.agent = agent;
        this.json = json;
        this.host = host;
        this.simSlot = simSlot;
    }

    ObjectMapper json() {
        return json;
    }

    Reply handle(String method, String path, String body) throws IOException {
        JsonNode in = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        switch (method + " " + path) {
            case "GET /api/status" -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("terminal", agent.terminalId());
                m.put("department", agent.department());
                m.put("awaitingUpload", agent.journal().awaitingUpload());
                m.put("hotlistVersion", agent.journal().lists().hotlistVersion());
                m.put("parameterVersion", agent.journal().lists().parameterVersion());
                m.put(
                        "armed",
                        agent.taps().armedRequest() == null
                                ? null
                                : agent.taps().armedRequest().toString());
                HostWatch.State h = host.state();
                Map<String, Object> hm = new LinkedHashMap<>();
                hm.put("reachable", h.reachable());
                hm.put("since", h.since().toString());
                hm.put("responseCode", h.responseCode());
                m.put("host", hm);
                m.put("sim", simSlot == null ? null : Map.of("present", simSlot.present()));
                return new Reply(200, m);
            }
            case "GET /api/messages" -> {
                return new Reply(200, citizenMessages());
            }
            case "POST /api/sim/remove", "POST /api/sim/insert" -> {
                if (simSlot == null) {
                    return new Reply(
                            404,
                            Map.of("error", "no simulated reader: the agent runs on real readers (--reader pcsc)"));
                }
                if (path.endsWith("remove")) {
                    simSlot.remove();
                } else {
                    simSlot.insert();
                }
                return new Reply(200, Map.of("present", simSlot.present()));
            }
            case "POST /api/pin/cancel" -> {
                if (!agent.taps().cancelPin()) {
                    return noPinWanted();
                }
                return new Reply(200, Map.of("pin", "cancelled"));
            }
            case "GET /api/departments" -> {
                return new Reply(200, departments());
            }
            case "POST /api/pay" -> {
                long amount = in.path("amount").asLong();
                if (amount <= 0) {
                    throw new IllegalArgumentException("amount " + amount + " fen: give a positive amount");
                }
                String category = in.path("category").asText(null);
                agent.taps()
                        .arm(new TapRequest.Pay(new PurchaseRequest(
                                amount,
                                in.path("department").asText(),
                                in.path("payee").asText(""),
                                category == null || category.isBlank() ? null : category)));
                return new Reply(200, Map.of("armed", "pay", "amount", amount));
            }
            case "POST /api/load" -> {
                long amount = in.path("amount").asLong();
                if (amount <= 0) {
                    throw new IllegalArgumentException("amount " + amount + " fen: give a positive amount");
                }
                agent.taps().arm(new TapRequest.Load(amount));
                return new Reply(200, Map.of("armed", "load", "amount", amount));
            }
            case "POST /api/pin" -> {
                String pin = in.path("pin").asText("");
                if (!pin.matches("\\d{4,12}")) {
                    throw new IllegalArgumentException("a PIN is 4 to 12 digits");
                }
                if (!agent.taps().offerPin(pin.toCharArray())) {
                    return noPinWanted();
                }
                return new Reply(200, Map.of("pin", "received"));
            }
            case "POST /api/cancel" -> {
                agent.taps().disarm();
                return new Reply(200, Map.of("armed", "none"));
            }
            default -> {
                return new Reply(404, Map.of("error", "no API " + method + " " + path));
            }
        }
    }

    /** A PIN (or its cancel) while no card asks for one: refused, never kept for the next card. */
    private static Reply noPinWanted() {
        return new Reply(
                409,
                Map.of(
                        "error",
                        "no card is waiting for a PIN: the PIN is not kept; tap the card and type the PIN when the"
                                + " terminal asks for it",
                        "zh",
                        "现在没有卡在等待密码，密码未保存；请先刷卡，看到提示后再输入密码"));
    }

    /**
     * What the pages say instead of codes, from the dictionary: {@code messages} (table citizen-message: code →
     * {zh, en, retry}) and {@code transactionTypes} (code → {zh, en}).
     */
    static Map<String, Object> citizenMessages() {
        Map<String, Object> messages = new LinkedHashMap<>();
        for (Code c : Dictionary.standard().codeTable("citizen-message").codes()) {
            messages.put(c.code(), Map.of("zh", c.zh(), "en", c.en(), "retry", "1".equals(c.attr("retry"))));
        }
        Map<String, Object> types = new LinkedHashMap<>();
        for (Code c : Dictionary.standard().codeTable("transaction-type").codes()) {
            types.put(c.code(), Map.of("zh", c.zh(), "en", c.en()));
        }
        return Map.of("messages", messages, "transactionTypes", types);
    }

    /**
     * The departments a bill can be paid to: the server's parameter "departments" (a JSON array of {code,
     * category, zh, en}) when the terminal has it, else one department per category of the dictionary.
     */
    List<Map<String, Object>> departments() throws IOException {
        String fromServer = agent.journal().lists().parameters().get("departments");
        List<Map<String, Object>> out = new ArrayList<>();
        if (fromServer != null && fromServer.startsWith("[")) {
            for (JsonNode d : json.readTree(fromServer)) {
                out.add(Map.of(
                        "code",
                        d.path("code").asText(),
                        "category",
                        d.path("category").asText(""),
                        "zh",
                        d.path("zh").asText(d.path("name").asText("")),
                        "en",
                        d.path("en").asText("")));
            }
            return out;
        }
        for (Code c : Dictionary.standard().codeTable("department-category").codes()) {
            if (!"0".equals(c.attr("cardRecord"))) {
                out.add(Map.of("code", c.code() + "01", "category", c.code(), "zh", c.zh(), "en", c.en()));
            }
        }
        return out;
    }
}
