package org.citycard.agent.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.citycard.agent.journal.CitizenIds;

/**
 * Pushes agent events to whoever listens (WebSocket pages, the console); a failing listener is dropped. Every text
 * in an event is passed through {@link CitizenIds#mask} first: whatever an exception or a server answer said, no
 * full citizen ID number reaches a page or the console.
 */
public final class EventBus {
    private final List<Consumer<AgentEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile AgentEvent last;

    public Runnable subscribe(Consumer<AgentEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(AgentEvent event) {
        AgentEvent e = new AgentEvent(event.type(), scrubbed(event.data()));
        last = e;
        for (Consumer<AgentEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                listeners.remove(l);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T scrubbed(T v) {
        if (v instanceof String s) {
            return (T) CitizenIds.mask(s);
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(scrubbed(k), scrubbed(x)));
            return (T) out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(scrubbed(x)));
            return (T) out;
        }
        return v;
    }

    /** The last event, for a page that connects in the middle of a session. */
    public AgentEvent last() {
        return last;
    }
}
