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
 * {@code POST /api/cancel}. Amounts are in fen. A PIN goes straight to the tap session and is never echoed.
 */
final class KioskApi {
    record Reply(int status, Object body) {}

    private final TerminalAgent agent;
    private final ObjectMapper json;

    KioskApi(TerminalAgent agent, ObjectMapper json) {
        this.agent = agent;
        this.json = json;
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
                return new Reply(200, m);
            }
            case "GET /api/departments" -> {
                return new Reply(200, departments());
            }
            case "POST /api/pay" -> {
                long amount = in.path("amount").asLong();
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
                agent.taps().offerPin(pin.toCharArray());
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
