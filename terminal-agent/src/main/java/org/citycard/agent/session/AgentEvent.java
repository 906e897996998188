package org.citycard.agent.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something the pages and the console show: a card arrived, a balance, a receipt, a refusal. Holds only what may
 * be shown: masked card numbers and names, never a PIN or a key.
 */
public record AgentEvent(String type, Map<String, Object> data) {
    public static AgentEvent of(String type, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return new AgentEvent(type, m);
    }
}
