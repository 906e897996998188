package org.citycard.agent.runtime;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.citycard.agent.hotlist.HotlistSync;
import org.citycard.agent.hotlist.ServerApi;
import org.citycard.agent.iso.HostLink;
import org.citycard.agent.iso.IsoClient;
import org.citycard.agent.iso.IsoConfig;
import org.citycard.agent.iso.WorkingKeys;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.purse.HotlistBlocker;
import org.citycard.agent.purse.LoadService;
import org.citycard.agent.purse.PurchaseService;
import org.citycard.agent.purse.PurseTerminal;
import org.citycard.agent.purse.Recovery;
import org.citycard.agent.session.AgentEvent;
import org.citycard.agent.session.EventBus;
import org.citycard.agent.session.TapProcessor;
import org.citycard.agent.upload.Backoff;
import org.citycard.agent.upload.StoreAndForward;
import org.citycard.agent.upload.Uploader;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.crypto.KeySetChoice;
import org.citycard.dictionary.crypto.TerminalKey;

/**
 * The agent as a library: a PSAM, a journal, the host link and the server API wired into the tap processor and
 * the background uploader. The CLI, the pages, the simulator and the benchmark all build one of these.
 */
public final class TerminalAgent implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TerminalAgent.class.getName());
    private final Journal journal;
    private final PurseTerminal terminal;
    private final HostLink host;
    private final ServerApi server;
    private final EventBus events = new EventBus();
    private final TapProcessor taps;
    private final StoreAndForward saf;
    private final HotlistSync sync;
    private final long refreshMs;
    private final java.util.concurrent.ScheduledExecutorService timer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "citycard-echo");
                t.setDaemon(true);
                return t;
            });

    private TerminalAgent(Builder b) {
        this.journal = b.journal;
        String tid = b.terminalId != null ? b.terminalId : PurseTerminal.readTerminalId(b.psam);
        this.terminal = new PurseTerminal(b.psam, tid, journal, b.clock, b.department);
        TerminalKey key = b.keySource.apply(tid);
        if (!key.terminalId().equals(tid)) {
            throw new IllegalArgumentException("the terminal key store holds the key of terminal " + key.terminalId()
                    + ", but this terminal is " + tid + ": each terminal needs its own key store");
        }
        WorkingKeys keys = new WorkingKeys(key);
        this.host = new HostLink(new IsoClient(b.iso, keys), tid, journal::nextStan);
        this.server = b.server == null ? null : b.server.authenticatedAs(tid, keys, () -> host.signOn());
        Uploader uploader = new Uploader(journal, host, b.batchSize);
        this.saf = new StoreAndForward(uploader, b.uploadIntervalMs, new Backoff(200, 30_000));
        // every money path nudges the uploader itself once its event is journaled
        this.taps = new TapProcessor(
                new PurchaseService(terminal, saf::nudge),
                new LoadService(terminal, host, saf::nudge),
                new Recovery(journal, saf::nudge),
                new HotlistBlocker(terminal, saf::nudge),
                journal.lists(),
                server,
                events);
        this.sync = server == null ? null : new HotlistSync(server, journal.lists(), tid);
        this.refreshMs = b.refreshMs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Recovers the loads a previous run left open, signs on (best effort: the agent works offline), fetches a newer
     * hotlist and parameters, and starts the background uploader.
     */
    public TerminalAgent start() {
        int moved = journal.loads().recoverAfterRestart();
        if (moved > 0) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "{0} loads left open by the last run are to be proven or reversed",
                    moved);
        }
        refreshLists();
        saf.start();
        if (refreshMs > 0) {
            timer.scheduleWithFixedDelay(this::echo, refreshMs, refreshMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** The periodic echo (0800/301): keeps the link checked and fetches lists the server announces as newer. */
    private void echo() {
        try {
            HostLink.Versions v = host.echo();
            if (sync != null) {
                HotlistSync.Result r = sync.sync(v.hotlist(), v.parameters());
                if (r.hotlistUpdated() || r.parametersUpdated()) {
                    events.publish(
                            AgentEvent.of("lists", "hotlist", r.hotlistVersion(), "parameters", r.parameterVersion()));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "echo failed, working offline: {0}", e.getMessage());
        }
    }

    /** Sign-on (or echo) and a hotlist / parameter download when the server announces newer versions. */
    public boolean refreshLists() {
        try {
            HostLink.Versions v = host.signOn();
            if (sync != null) {
                HotlistSync.Result r = sync.sync(v.hotlist(), v.parameters());
                events.publish(
                        AgentEvent.of("lists", "hotlist", r.hotlistVersion(), "parameters", r.parameterVersion()));
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "working offline for now: {0}", e.getMessage());
            return false;
        }
    }

    /** One tap with the armed request (or the idle query), synchronously. */
    public AgentEvent tap(ApduTransport card) {
        return taps.process(card);
    }

    public TapProcessor taps() {
        return taps;
    }

    public EventBus events() {
        return events;
    }

    public Journal journal() {
        return journal;
    }

    public HostLink host() {
        return host;
    }

    public StoreAndForward uploader() {
        return saf;
    }

    public String terminalId() {
        return terminal.terminalId();
    }

    public String department() {
        return terminal.department();
    }

    /** Waits until everything journaled is on the server (or the time is up); true when it is. */
    public boolean drain(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            saf.awaitPass(Math.max(1, deadline - System.currentTimeMillis()));
            if (journal.awaitingUpload() == 0
                    && journal.loads()
                            .inState(org.citycard.agent.journal.LoadEvent.State.CREDITED)
                            .isEmpty()
                    && journal.loads()
                            .inState(org.citycard.agent.journal.LoadEvent.State.REVERSAL_DUE)
                            .isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        saf.close();
        host.close();
    }

    /**
     * Settings of a {@link TerminalAgent}; every one has a default except the PSAM, journal, host and the terminal's
     * key (there is no default key: {@link #terminalKey} or, named, {@link #demoTerminalKey}).
     */
    public static final class Builder {
        private ApduTransport psam;
        private Journal journal;
        private IsoConfig iso;
        private ServerApi server;
        private java.util.function.Function<String, TerminalKey> keySource;
        private String terminalId;
        private String department = "0101";
        private Clock clock = Clock.systemDefaultZone();
        private int batchSize = Uploader.MAX_RECORDS;
        private long uploadIntervalMs = 5_000;
        private long refreshMs = 300_000;

        public Builder psam(ApduTransport psam) {
            this.psam = psam;
            return this;
        }

        public Builder journal(Journal journal) {
            this.journal = journal;
            return this;
        }

        public Builder iso(IsoConfig iso) {
            this.iso = iso;
            return this;
        }

        /** The server's HTTP side; null to work without hotlist downloads and social-security summaries. */
        public Builder server(ServerApi server) {
            this.server = server;
            return this;
        }

        /**
         * The terminal's own master key, from the key store {@code ./citycard server terminal-keys} made for it; its
         * terminal ID must be this terminal's. The working key comes with every sign-on.
         */
        public Builder terminalKey(TerminalKey key) {
            Objects.requireNonNull(key, "key");
            this.keySource = tid -> key;
            return this;
        }

        /** The terminal's key by its terminal ID (once known: by default the PSAM's), e.g. from a key store. */
        public Builder keys(java.util.function.Function<String, TerminalKey> source) {
            this.keySource = source;
            return this;
        }

        /** DEMO ONLY: the terminal's demo TMK ({@link TerminalKey#demo}), for a server on the demo keys. */
        public Builder demoTerminalKey() {
            this.keySource = TerminalKey::demo;
            return this;
        }

        /** The terminal ID; by default the one the PSAM was personalised with. */
        public Builder terminalId(String terminalId) {
            this.terminalId = terminalId;
            return this;
        }

        public Builder department(String department) {
            this.department = department;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder uploadIntervalMs(long ms) {
            this.uploadIntervalMs = ms;
            return this;
        }

        /** How often to echo the server and refresh the hotlist and parameters; 0 for never (tests, benchmarks). */
        public Builder refreshMs(long ms) {
            this.refreshMs = ms;
            return this;
        }

        public TerminalAgent build() {
            Objects.requireNonNull(psam, "psam");
            Objects.requireNonNull(journal, "journal");
            Objects.requireNonNull(iso, "iso");
            if (keySource == null) {
                throw new IllegalStateException(KeySetChoice.MISSING);
            }
            return new TerminalAgent(this);
        }
    }
}
