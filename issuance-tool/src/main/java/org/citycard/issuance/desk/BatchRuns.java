package org.citycard.issuance.desk;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.pcsc.Readers;
import org.citycard.cardlink.perso.CardPersonaliser;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.perso.CardSource;
import org.citycard.issuance.perso.ProductionService;
import org.citycard.issuance.perso.ProgressListener;
import org.citycard.issuance.perso.source.ReaderCardSource;
import org.citycard.issuance.perso.source.SimulatorCardSource;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.staff.Staff;

/**
 * Production runs started from the desk, each on its own thread through {@link ProductionService#run} (the same run
 * as {@code issue batch run}): the page polls the progress (done / left, rate, time left, the reader's status) and
 * gets the summary at the end. A run stopped by a card's error is resumed by starting the batch again: the service
 * keeps what was finished.
 */
final class BatchRuns implements AutoCloseable {
    static final String SIM_CARD_READER = "CityCard Sim Issuance Reader";
    private static final String TERMINAL_ID = "990000000001";

    private final IssuanceTool tool;
    private final CardRegistryClient server;
    private final Map<Long, Run> runs = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "desk-batch");
        t.setDaemon(true);
        return t;
    });

    BatchRuns(IssuanceTool tool, CardRegistryClient server) {
        this.tool = tool;
        this.server = server;
    }

    /** One run: what the page shows. */
    static final class Run implements ProgressListener {
        final long batch;
        final String reader;
        volatile int total;
        volatile int doneAtStart;
        volatile int done;
        volatile long startedNanos = System.nanoTime();
        volatile String readerStatus = "starting 准备中";
        volatile boolean running = true;
        volatile ProductionService.Summary summary;
        volatile String error;

        Run(long batch, String reader) {
            this.batch = batch;
            this.reader = reader;
        }

        @Override
        public void started(long batchId, int total, int alreadyDone) {
            this.total = total;
            this.doneAtStart = alreadyDone;
            this.done = alreadyDone;
            this.startedNanos = System.nanoTime();
        }

        @Override
        public void cardDone(String asn, CardPersonaliser.Outcome outcome) {
            done++;
            readerStatus = "卡片完成 card " + asn + " done, verified (" + outcome.filesVerified() + " files)";
        }
    }

    boolean running(long batch) {
        Run r = runs.get(batch);
        return r != null && r.running;
    }

    /** Starts (or resumes) a batch on a reader ("sim": blank simulated cards). */
    void start(Staff operator, long batch, KeySet keys, String reader) {
        operator.require(org.citycard.issuance.staff.Permission.PRODUCE);
        tool.production()
                .batch(batch)
                .orElseThrow(() -> new java.util.NoSuchElementException("no production batch " + batch));
        Run run = new Run(batch, reader);
        Run before = runs.putIfAbsent(batch, run);
        if (before != null) {
            if (before.running) {
                throw new IllegalStateException("batch " + batch + " is running already");
            }
            runs.put(batch, run);
        }
        CardSource source = source(reader, keys, run);
        threads.submit(() -> {
            try (source) {
                run.summary = tool.production().run(operator, batch, keys, source, run, server, TERMINAL_ID);
                run.readerStatus = run.summary.stoppedBy() == null
                        ? "完成 batch finished"
                        : "停止 stopped: " + run.summary.stoppedBy();
            } catch (RuntimeException e) {
                run.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                run.readerStatus = "停止 stopped: " + run.error;
            } finally {
                run.running = false;
            }
        });
    }

    private static CardSource source(String reader, KeySet keys, Run run) {
        CardSource inner;
        if ("sim".equals(reader)) {
            byte[] tk = keys.key("TK");
            try {
                inner = SimulatorCardSource.citizenCards(SIM_CARD_READER, tk);
            } finally {
                java.util.Arrays.fill(tk, (byte) 0);
            }
        } else {
            StringWriter prompts = new StringWriter();
            inner = new ReaderCardSource(Readers.pcsc(), reader, new PrintWriter(prompts, true), 120_000L);
        }
        return new CardSource() {
            @Override
            public CardConnection present(String what) {
                run.readerStatus = "读卡器 " + reader + ": 请放入卡片 put in the card for " + what;
                CardConnection c = inner.present(what);
                run.readerStatus = "读卡器 " + reader + ": 写卡中 personalising " + what;
                return c;
            }

            @Override
            public void done(CardConnection connection, boolean ok) {
                inner.done(connection, ok);
                if (!ok) {
                    run.readerStatus = "读卡器 " + reader + ": 卡片失败，留在读卡器中 card failed, left in the reader";
                }
            }

            @Override
            public void close() {
                try {
                    inner.close();
                } catch (Exception e) {
                    throw new IllegalStateException("the reader did not close: " + e.getMessage(), e);
                }
            }
        };
    }

    /** Done / left, rate, time left, the reader's status and, at the end, the summary. */
    Map<String, Object> progress(long batch) {
        Run r = runs.get(batch);
        if (r == null) {
            ProductionService.Batch b = tool.production()
                    .batch(batch)
                    .orElseThrow(() -> new java.util.NoSuchElementException("no production batch " + batch));
            return DeskApi.m(
                    "batch",
                    batch,
                    "running",
                    false,
                    "done",
                    b.done(),
                    "total",
                    b.size(),
                    "left",
                    b.size() - b.done(),
                    "reader",
                    "idle 空闲");
        }
        int madeNow = r.done - r.doneAtStart;
        double seconds = (System.nanoTime() - r.startedNanos) / 1e9;
        double rate = madeNow > 0 && seconds > 0 ? madeNow / seconds : 0;
        int left = Math.max(0, r.total - r.done);
        Map<String, Object> out = DeskApi.m(
                "batch", batch,
                "running", r.running,
                "done", r.done,
                "total", r.total,
                "left", left,
                "ratePerMinute", Math.round(rate * 60 * 10) / 10.0,
                "secondsLeft", rate > 0 ? Math.round(left / rate) : null,
                "reader", r.readerStatus,
                "error", r.error);
        ProductionService.Summary s = r.summary;
        if (s != null) {
            out.put(
                    "summary",
                    DeskApi.m(
                            "done", s.done(),
                            "total", s.total(),
                            "personalisedNow", s.personalisedNow(),
                            "verifiedExisting", s.verifiedExisting(),
                            "doneBefore", s.doneBefore(),
                            "reportedToServer", s.reportedToServer(),
                            "notReported", s.serverFailures(),
                            "seconds", Math.round(s.elapsedNanos() / 1e8) / 10.0,
                            "stoppedBy", s.stoppedBy()));
        }
        return out;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
