package org.citycard.system.bench.server;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.citycard.clearing.bankfile.BankFileWriter;
import org.citycard.clearing.bankfile.FileSigningKey;
import org.citycard.clearing.bankfile.ManifestSigner;
import org.citycard.clearing.ingest.BatchUpload;
import org.citycard.clearing.ingest.IngestService;
import org.citycard.clearing.reference.Bank;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.settlement.CloseProgress;
import org.citycard.clearing.settlement.DayCloseResult;
import org.citycard.clearing.settlement.DayCloseService;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.record.OfflineRecord;

/**
 * {@code bench dayclose}: a business day of generated purchase records (valid TACs, 8 departments at 2 banks) from
 * ingest to signed bank files: every record through the real ingest (all checks, postings), then the day close
 * (totals, fee true-up, settlement journal, pain.001, detail file, manifest, signature). Prints one JSON object with
 * the times and the peak heap (the JVM's memory pools), and beside them the raw insert time of as many rows measured
 * first in the same database (the same batches, as many threads, one commit a batch, keyed by terminal and TTSN:
 * {@link IngestBenchmark#rawInserts}); {@code meetsTarget} is DESIGN §7 v2 (the whole ≤ 2.5 × that raw time),
 * {@code meetsV1Target} v1 (≤ 120 s for a million records, scaled). Arguments: records (default 1,000,000), ingest threads
 * (default 2; each takes its own terminals and cards), optionally a data directory (default: a temporary one).
 * Beside the wall times, the CPU time of the close (its thread, and the whole process: the broker's and Derby's
 * threads too) and of the raw inserts (the process), steadier than wall time while other work shares the cores.
 */
public final class DayCloseBenchmark {
    static final int BATCH = IngestService.MAX_RECORDS;
    static final int DEPARTMENTS = 8;

    private DayCloseBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dir = args.length > 2 ? Path.of(args[2]) : null;
        System.out.println(run(records, threads, dir));
    }

    public static String run(int records, int threads, Path dir) throws Exception {
        int cardCount = Math.max(20, records / 200);
        int terminalCount = Math.max(2 * threads, Math.min(200, records / 5_000));
        try (BenchServer server = new BenchServer(dir)) {
            server.reference.createBank(
                    new Bank("102100099996", "中国工商银行", "ICBKCNBJXXX", "0200001009000012345", "城市一卡通清算中心"));
            server.reference.createBank(
                    new Bank("105100000017", "中国建设银行", "PCBCCNBJXXX", "11001001900053000001", "城市一卡通清算中心"));
            List<String> departments = new ArrayList<>();
            for (int i = 0; i < DEPARTMENTS; i++) {
                String code = String.format("%04d", 101 + i);
                server.reference.createDepartment(new Department(
                        code,
                        "基准部门" + code,
                        String.format("%02d", 1 + i % 9),
                        i % 2 == 0 ? "102100099996" : "105100000017",
                        "62220202001122" + code,
                        "基准部门" + code + "账户",
                        10 + 15 * i));
                departments.add(code);
            }
            List<String> terminals = new ArrayList<>();
            for (int i = 0; i < terminalCount; i++) {
                terminals.add(server.terminal(String.format("8%011d", i + 1), departments.get(i % DEPARTMENTS)));
            }
            long setupStart = System.nanoTime();
            List<HostCardModel> cards =
                    IngestBenchmark.loadedCards(server, departments.get(0), terminals.get(0), cardCount);
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

            long genStart = System.nanoTime();
            List<List<BatchUpload>> perThread = generate(records, cards, terminals, departments, threads);
            double genSeconds = (System.nanoTime() - genStart) / 1e9;

            javax.sql.DataSource ds = server.bean(javax.sql.DataSource.class);
            IngestBenchmark.createRawTable(ds);
            long rawCpu = processCpuNanos();
            IngestBenchmark.Timed raw = IngestBenchmark.timed(perThread, part -> {
                IngestBenchmark.rawInserts(ds, part, IngestBenchmark.RAW_TABLE);
                return new long[2];
            });

            rawCpu = processCpuNanos() - rawCpu;
            IngestService ingest = server.bean(IngestService.class);
            DayCloseService dayClose = server.bean(DayCloseService.class);
            String day = server.bean(BusinessCalendar.class).currentBusinessDate();
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long[] gcBefore = gc();

            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Long>> done = new ArrayList<>();
            for (List<BatchUpload> batches : perThread) {
                done.add(pool.submit(() -> {
                    long accepted = 0;
                    for (BatchUpload b : batches) {
                        IngestService.Outcome o = ingest.ingest(b);
                        if (!(o instanceof IngestService.Outcome.Done d)) {
                            throw new IllegalStateException("batch " + b.batchNumber() + " refused: " + o);
                        }
                        accepted += d.result().accepted();
                    }
                    return accepted;
                }));
            }
            long accepted = 0;
            for (Future<Long> f : done) {
                accepted += f.get();
            }
            pool.shutdown();
            long ingested = System.nanoTime();
            long closeThreadCpu = THREADS.getCurrentThreadCpuTime();
            long closeCpu = processCpuNanos();
            DayCloseResult r = dayClose.close(day, "bench", CloseProgress.NONE);
            long closed = System.nanoTime();
            closeThreadCpu = THREADS.getCurrentThreadCpuTime() - closeThreadCpu;
            closeCpu = processCpuNanos() - closeCpu;
            long peak = peakHeap();
            long[] gcAfter = gc();

            boolean signed = true;
            for (DayCloseResult.BankFileSummary f : r.files()) {
                Path folder = server.dir.resolve(f.folder());
                signed &= ManifestSigner.verify(
                        Files.readAllBytes(folder.resolve(BankFileWriter.manifestName(f.messageId()))),
                        Files.readAllBytes(folder.resolve(BankFileWriter.signatureName(f.messageId()))),
                        server.bean(FileSigningKey.class).certificate());
            }
            double ingestSeconds = (ingested - start) / 1e9;
            double closeSeconds = (closed - ingested) / 1e9;
            double total = (closed - start) / 1e9;
            long paid = r.files().stream()
                    .mapToLong(DayCloseResult.BankFileSummary::total)
                    .sum();
            return String.format(
                    Locale.ROOT,
                    "{\"benchmark\":\"dayclose\",\"records\":%d,\"accepted\":%d,\"threads\":%d,\"cards\":%d,"
                            + "\"terminals\":%d,\"departments\":%d,\"banks\":%d,"
                            + "\"database\":\"Apache Derby embedded, durable commits\",\"businessDate\":\"%s\","
                            + "\"ingestSeconds\":%.2f,\"ingestPerSecond\":%.0f,\"closeSeconds\":%.2f,"
                            + "\"totalSeconds\":%.2f,\"rawInsertSeconds\":%.2f,\"ratioToRawInserts\":%.3f,"
                            + "\"targetRatio\":2.5,\"meetsTarget\":%s,\"v1TargetSeconds\":120,\"meetsV1Target\":%s,"
                            + "\"gross\":%d,\"fee\":%d,\"net\":%d,\"paidInFiles\":%d,\"bankFiles\":%d,"
                            + "\"signaturesVerify\":%s,\"peakHeapMiB\":%.1f,\"maxHeapMiB\":%.1f,\"gcCount\":%d,"
                            + "\"gcSeconds\":%.2f,\"setupLoadsSeconds\":%.1f,\"generationSeconds\":%.1f,"
                            + "\"closeThreadCpuSeconds\":%.2f,\"closeProcessCpuSeconds\":%.2f,"
                            + "\"rawInsertProcessCpuSeconds\":%.2f,\"closeCpuToRawInsertCpu\":%.3f}",
                    records,
                    accepted,
                    threads,
                    cardCount,
                    terminalCount,
                    DEPARTMENTS,
                    2,
                    day,
                    ingestSeconds,
                    records / ingestSeconds,
                    closeSeconds,
                    total,
                    raw.seconds(),
                    total / raw.seconds(),
                    total <= 2.5 * raw.seconds(),
                    total * 1_000_000.0 / records <= 120,
                    r.gross(),
                    r.fee(),
                    r.net(),
                    paid,
                    r.files().size(),
                    signed,
                    peak / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0,
                    gcAfter[0] - gcBefore[0],
                    (gcAfter[1] - gcBefore[1]) / 1000.0,
                    setupSeconds,
                    genSeconds,
                    closeThreadCpu / 1e9,
                    closeCpu / 1e9,
                    rawCpu / 1e9,
                    (double) closeCpu / Math.max(1, rawCpu));
        }
    }

    /** Batches per ingest thread: thread k uploads from its own terminals and cards, so no two race for a card. */
    static List<List<BatchUpload>> generate(
            int records, List<HostCardModel> cards, List<String> terminals, List<String> departments, int threads) {
        Random random = new Random(7);
        long[] ttsn = new long[terminals.size()];
        int[] batchNo = new int[terminals.size()];
        List<List<BatchUpload>> out = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            out.add(new ArrayList<>());
        }
        String date =
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).format(BusinessCalendar.YYYYMMDD);
        List<List<HostCardModel>> cardsOf = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            cardsOf.add(new ArrayList<>());
        }
        for (int c = 0; c < cards.size(); c++) {
            cardsOf.get(c % threads).add(cards.get(c));
        }
        int made = 0;
        int t = 0;
        while (made < records) {
            int n = Math.min(BATCH, records - made);
            int k = t % threads;
            String terminal = terminals.get(t);
            byte[] data = new byte[n * OfflineRecord.SIZE];
            for (int i = 0; i < n; i++) {
                List<HostCardModel> own = cardsOf.get(k);
                HostCardModel card = own.get(random.nextInt(own.size()));
                long amount = 1 + random.nextInt(19);
                int second = (made + i) % 86_400;
                String time = String.format("%02d%02d%02d", second / 3600, second / 60 % 60, second % 60);
                byte[] r = card.purchase(
                        amount,
                        terminal,
                        ++ttsn[t],
                        date,
                        time,
                        departments.get(t % DEPARTMENTS), // a terminal takes payments for its own department
                        "");
                System.arraycopy(r, 0, data, i * OfflineRecord.SIZE, r.length);
            }
            out.get(k).add(new BatchUpload(terminal, String.format("%06d", ++batchNo[t]), "000001", n, data));
            made += n;
            t = (t + 1) % terminals.size();
        }
        return out;
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * CPU time of the whole process so far (every thread: the close's own, the broker's, Derby's): the close's CPU
     * and the raw inserts' CPU compare steadier than their wall times while other work shares the cores.
     */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    /** The sum of the heap pools' peaks since the reset: an upper bound of the heap in use at any one time. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Collections and milliseconds spent in them so far. */
    private static long[] gc() {
        long count = 0;
        long ms = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, g.getCollectionCount());
            ms += Math.max(0, g.getCollectionTime());
        }
        return new long[] {count, ms};
    }
}
