package org.citycard.system.bench.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.citycard.clearing.iso.IsoServer;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.clearing.testing.TerminalClient;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;

/**
 * {@code bench auth}: online load authorisations (0100 → 0110, MAC1 verified, MAC2 computed, journal posted,
 * durable commit) over ISO 8583 from concurrent terminals, each a stock jPOS NACChannel sending one request at a
 * time. Prints one JSON object with the rate, the latency percentiles and the CPU time of this JVM (server and
 * terminals) per authorisation ({@code cpuMsPerAuthorisation}, steadier than the rate when other work shares the
 * cores) and the heap it allocated per authorisation ({@code allocatedKbPerAuthorisation}, what the collector pays
 * for, which shows in the p99), and beside them, in the same database after the run, the raw durable group commit of as many rows (a
 * load-sized row per authorisation, in groups of as many rows as terminals, one commit a group: {@link
 * org.citycard.system.bench.RawCommits#groupCommitPerSecond}).
 * The DESIGN §7 v2 target (≥ 0.1 × a bare jPOS echo) is judged by {@code ./citycard bench}, which measures the echo;
 * {@code meetsV1Target} is the absolute v1 figure (≥ 3,000 per s, p99 ≤ 20 ms). Arguments: authorisations per
 * terminal (default 2,000), terminals (default 8), optionally a data directory.
 */
public final class AuthBenchmark {
    static final KeySet KEYS = KeySet.demo();

    private AuthBenchmark() {}

    public static void main(String[] args) throws Exception {
        int perTerminal = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 2_000;
        int terminals = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path dir = args.length > 2 ? Path.of(args[2]) : null;
        System.out.println(run(perTerminal, terminals, dir));
    }

    public static String run(int perTerminal, int terminalCount, Path dir) throws Exception {
        try (BenchServer server = new BenchServer(dir)) {
            String dept = server.department("0202", 0);
            int port = server.bean(IsoServer.class).port();
            List<String> terminals = new ArrayList<>();
            int warmup = Math.min(1_000, perTerminal); // the JIT settles on both sides first
            // a card per authorisation, as at a counter: a card has one open load per online counter (a second is 94)
            List<List<HostCardModel>> cards = new ArrayList<>();
            for (int i = 0; i < terminalCount; i++) {
                terminals.add(server.terminal(String.format("7%011d", i + 1), dept));
            }
            // the cards are registered by one thread per terminal (setup, not timed: their commits are shared)
            ExecutorService setup = Executors.newFixedThreadPool(terminalCount);
            List<Future<List<HostCardModel>>> registered = new ArrayList<>();
            for (int i = 0; i < terminalCount; i++) {
                int terminal = i;
                registered.add(setup.submit(() -> {
                    List<HostCardModel> own = new ArrayList<>();
                    for (int k = 0; k < warmup + perTerminal; k++) {
                        String asn = server.card(String.format("3166%03d%013d", terminal + 1, k + 1));
                        own.add(new HostCardModel(KEYS, asn, 0, 0, 0));
                    }
                    return own;
                }));
            }
            for (Future<List<HostCardModel>> f : registered) {
                cards.add(f.get());
            }
            setup.shutdown();
            runAll(port, dept, terminals, cards, warmup, 0);
            long cpuStart = processCpuNanos();
            long allocatedStart = allocatedBytes();
            long start = System.nanoTime();
            long[] latencies = runAll(port, dept, terminals, cards, perTerminal, warmup);
            double seconds = (System.nanoTime() - start) / 1e9;
            // CPU of this JVM (server and terminals) per authorisation: steadier than the rate when others share the
            // cores
            double cpuMs = (processCpuNanos() - cpuStart) / 1e6 / latencies.length;
            // heap allocated by every thread of this JVM (server and terminals) per authorisation: what the GC pays
            double allocatedKb = (allocatedBytes() - allocatedStart) / 1024.0 / latencies.length;
            Arrays.sort(latencies);
            int n = latencies.length;
            double rate = n / seconds;
            double p50 = latencies[n / 2] / 1e6;
            double p99 = latencies[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6;
            double max = latencies[n - 1] / 1e6;
            double groupRate = org.citycard.system.bench.RawCommits.groupCommitPerSecond(
                    server.bean(javax.sql.DataSource.class), n, terminalCount);
            return String.format(
                    Locale.ROOT,
                    "{\"benchmark\":\"auth\",\"terminals\":%d,\"authorisations\":%d,\"seconds\":%.2f,"
                            + "\"perSecond\":%.0f,\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"maxMs\":%.2f,"
                            + "\"cpuMsPerAuthorisation\":%.3f,\"allocatedKbPerAuthorisation\":%.1f,"
                            + "\"database\":\"Apache Derby embedded, durable commits\","
                            + "\"rawGroupCommitPerSecond\":%.0f,\"rawGroupSize\":%d,\"ratioToRawGroupCommit\":%.3f,"
                            + "\"v1Target\":{\"perSecond\":3000,\"p99Ms\":20},\"meetsV1Target\":%s}",
                    terminalCount,
                    n,
                    seconds,
                    rate,
                    p50,
                    p99,
                    max,
                    cpuMs,
                    allocatedKb,
                    groupRate,
                    terminalCount,
                    rate / groupRate,
                    rate >= 3000 && p99 <= 20);
        }
    }

    /** CPU time of this JVM so far (ns), or 0 where the runtime does not tell. */
    static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    /**
     * Heap bytes allocated so far by all threads of this JVM, ended ones included (HotSpot's total), or 0 where the
     * runtime does not tell.
     */
    static long allocatedBytes() {
        return java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                        && t.isThreadAllocatedMemoryEnabled()
                ? t.getTotalThreadAllocatedBytes()
                : 0;
    }

    /** Every terminal sends {@code count} authorisations, one after the other; returns all latencies (ns). */
    static long[] runAll(
            int port, String dept, List<String> terminals, List<List<HostCardModel>> cards, int count, int stanOffset)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(terminals.size());
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < terminals.size(); i++) {
            String terminal = terminals.get(i);
            List<HostCardModel> own = cards.get(i);
            results.add(pool.submit(() -> {
                long[] lat = new long[count];
                try (TerminalClient t = new TerminalClient("127.0.0.1", port, KEYS, terminal, dept)) {
                    for (int k = 0; k < count; k++) {
                        HostCardModel card = own.get(stanOffset + k);
                        byte[] data = card.initializeForLoad(100, terminal);
                        String stan = String.format("%06d", stanOffset + k + 1);
                        long s = System.nanoTime();
                        ISOMsg a = t.authorise(card.asn(), 100, stan, "20261121", "090000", data);
                        lat[k] = System.nanoTime() - s;
                        if (!ResponseCode.APPROVED.code().equals(a.getString(39))) {
                            throw new IllegalStateException("authorisation answered " + a.getString(39));
                        }
                    }
                }
                return lat;
            }));
        }
        long[] all = new long[count * terminals.size()];
        int pos = 0;
        for (Future<long[]> f : results) {
            long[] l = f.get();
            System.arraycopy(l, 0, all, pos, l.length);
            pos += l.length;
        }
        pool.shutdown();
        return all;
    }
}
