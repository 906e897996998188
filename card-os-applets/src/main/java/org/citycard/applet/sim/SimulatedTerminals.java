package org.citycard.applet.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/**
 * {@code CardTerminals} over a {@link SimulatorRegistry}: lists its readers by state and waits for insertions and
 * removals. CARD_INSERTION and CARD_REMOVAL refer to the changes seen by the last {@link #waitForChange}.
 */
final class SimulatedTerminals extends CardTerminals {
    private final SimulatorRegistry registry;
    private Map<SimulatedReader, Boolean> seen;
    private final Map<SimulatedReader, Boolean> before = new HashMap<>();

    SimulatedTerminals(SimulatorRegistry registry) {
        this.registry = registry;
    }

    @Override
    public synchronized List<CardTerminal> list(State state) throws CardException {
        List<CardTerminal> out = new ArrayList<>();
        for (SimulatedReader r : registry.readers()) {
            boolean present = r.isCardPresent();
            boolean wasPresent = before.getOrDefault(r, Boolean.FALSE);
            boolean include =
                    switch (state) {
                        case ALL -> true;
                        case CARD_PRESENT -> present;
                        case CARD_ABSENT -> !present;
                        case CARD_INSERTION -> seen != null && present && !wasPresent;
                        case CARD_REMOVAL -> seen != null && !present && wasPresent && before.containsKey(r);
                    };
            if (include) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public boolean waitForChange(long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative, is " + timeout);
        }
        Map<SimulatedReader, Boolean> reference;
        synchronized (this) {
            if (seen == null) {
                seen = snapshot();
                before.clear();
                if (seen.containsValue(Boolean.TRUE)) {
                    return true; // first call: a card already present counts as a change
                }
            }
            reference = seen;
        }
        try {
            boolean changed = PresenceEvents.await(() -> !snapshot().equals(reference), timeout);
            synchronized (this) {
                if (changed) {
                    before.clear();
                    before.putAll(seen);
                    seen = snapshot();
                }
            }
            return changed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CardException("interrupted while waiting for a card", e);
        }
    }

    private Map<SimulatedReader, Boolean> snapshot() {
        Map<SimulatedReader, Boolean> m = new HashMap<>();
        for (SimulatedReader r : registry.readers()) {
            m.put(r, r.isCardPresent());
        }
        return m;
    }
}
