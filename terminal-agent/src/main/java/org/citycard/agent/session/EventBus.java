package org.citycard.agent.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Pushes agent events to whoever listens (WebSocket pages, the console); a failing listener is dropped. */
public final class EventBus {
    private final List<Consumer<AgentEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile AgentEvent last;

    public Runnable subscribe(Consumer<AgentEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(AgentEvent e) {
        last = e;
        for (Consumer<AgentEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                listeners.remove(l);
            }
        }
    }

    /** The last event, for a page that connects in the middle of a session. */
    public AgentEvent last() {
        return last;
    }
}
