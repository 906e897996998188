package org.citycard.agent.kiosk;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.citycard.agent.iso.IsoException;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.AgentEvent;

/**
 * Whether the clearing server answers this terminal, for the pages' host status and their "out of service"
 * screen: an ISO 8583 echo (0800/301) every few seconds. A change is pushed to the pages as a {@code host} event.
 */
final class HostWatch implements AutoCloseable {
    /** What the last echo found: reachable (null before the first), since when, and the reason when not. */
    record State(Boolean reachable, Instant since, String responseCode) {}

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("response code (\\d\\d)");

    private final TerminalAgent agent;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "citycard-host-watch");
        t.setDaemon(true);
        return t;
    });
    private volatile State state = new State(null, Instant.now(), null);

    HostWatch(TerminalAgent agent, long intervalMs) {
        this.agent = agent;
        timer.scheduleWithFixedDelay(this::check, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    State state() {
        return state;
    }

    private void check() {
        boolean ok;
        String code = null;
        try {
            agent.host().echo();
            ok = true;
        } catch (IsoException | RuntimeException e) {
            ok = false;
            var m = CODE.matcher(String.valueOf(e.getMessage()));
            code = m.find() ? m.group(1) : null;
        }
        State before = state;
        if (before.reachable() == null
                || before.reachable() != ok
                || !java.util.Objects.equals(before.responseCode(), code)) {
            state = new State(ok, Instant.now(), code);
            agent.events().publish(AgentEvent.of("host", "reachable", ok, "responseCode", code));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
