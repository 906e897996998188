package org.citycard.system.bench.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.citycard.clearing.ingest.BatchUpload;
import org.citycard.clearing.ingest.IngestService;
import org.citycard.clearing.load.LoadAuthoriser;
import org.citycard.clearing.load.LoadCompletion;
import org.citycard.clearing.load.LoadMessages;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.wire.ProcessingCode;

/**
 * {@code bench ingest}: generated offline records with valid TACs (demo keys) ingested with every check and
 * posting, beside the raw Derby insert rate of the same rows (decoded, one row each, same batches of 151, one
 * commit per batch) measured in the same run on the same database; {@code meetsTarget} is DESIGN §7 v2 (ingest ≥ 0.7 ×
 * the keyed raw insert, both identities unique), {@code meetsV1Target} v1 (≥ 0.7 × the bare raw insert). Prints one
 * JSON object. Arguments: number of
 * records (default 1,000,000), optionally the number of threads of both sides (default 1) and a data directory
 * (default: a temporary one, removed afterwards).
 */
public final class IngestBenchmark {
    static final int BATCH = IngestService.MAX_RECORDS;
    static final KeySet KEYS = KeySet.demo();
    /** The baseline of DESIGN §7: the same rows in a table keyed by terminal and TTSN only. */
    static final String RAW_TABLE = "bench_raw_record";
    /** A second baseline: the same rows with both identities a record must be unique by (§3.4). */
    static final String KEYED_TABLE = "bench_keyed_record";

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int threads = 1;
        Path dir = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].matches("\\d{1,2}")) {
                threads = Integer.parseInt(args[i]);
            } else {
                dir = Path.of(args[i]);
            }
        }
        System.out.println(run(records, threads, dir));
    }

    /** Runs the benchmark on one thread and returns its JSON report. */
    public static String run(int records, Path dir) throws Exception {
        return run(records, 1, dir);
    }

    /**
     * Runs the benchmark and returns its JSON report. With several threads both sides use that many, each thread
     * taking the batches of its own terminals (terminal index modulo threads), the raw inserts on their own
     * connections; the cards are shared, so concurrent ingest batches meet on the same cards as in service.
     */
    public static String run(int records, int threads, Path dir) throws Exception {
        return run(records, threads, dir, Algorithm.TDES);
    }

    /** {@link #run(int, int, Path)} with cards whose keys are of {@code algorithm} (3DES or SM4). */
    public static String run(int records, int threads, Path dir, Algorithm algorithm) throws Exception {
        int cardCount = Math.max(20, records / 200);
        int terminalCount = Math.max(2, Math.min(200, records / 5_000));
        try (BenchServer server = new BenchServer(dir)) {
            String dept = server.department("0101", 30);
            List<String> terminals = new ArrayList<>();
            for (int i = 0; i < terminalCount; i++) {
                terminals.add(server.terminal(String.format("8%011d", i + 1), dept));
            }
            long setupStart = System.nanoTime();
            List<HostCardModel> cards = loadedCards(server, dept, terminals.get(0), cardCount, algorithm);
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

            long genStart = System.nanoTime();
            List<BatchUpload> batches = generate(records, cards, terminals, dept, threads);
            double genSeconds = (System.nanoTime() - genStart) / 1e9;
            List<List<BatchUpload>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(new ArrayList<>());
            }
            for (BatchUpload b : batches) {
                parts.get(terminals.indexOf(b.terminalId()) % threads).add(b);
            }

            DataSource ds = server.bean(DataSource.class);
            createRawTable(ds);
            Timed raw = timed(parts, part -> {
                rawInserts(ds, part, RAW_TABLE);
                return new long[2];
            });
            Timed keyed = timed(parts, part -> {
                rawInserts(ds, part, KEYED_TABLE);
                return new long[2];
            });

            IngestService ingest = server.bean(IngestService.class);
            Timed ing = timed(parts, part -> {
                long[] counts = new long[2];
                for (BatchUpload b : part) {
                    IngestService.Outcome o = ingest.ingest(b);
                    if (o instanceof IngestService.Outcome.Done d) {
                        counts[0] += d.result().accepted();
                        counts[1] += d.result().recordCount() - d.result().accepted();
                    } else {
                        throw new IllegalStateException("batch " + b.batchNumber() + " refused: " + o);
                    }
                }
                return counts;
            });
            double rawRate = records / raw.seconds();
            double ingestRate = records / ing.seconds();
            double ratio = ingestRate / rawRate;
            double keyedRate = records / keyed.seconds();
            return String.format(
                    Locale.ROOT,
                    "{\"benchmark\":\"ingest\",\"algorithm\":\"" + algorithm.label()
                            + "\",\"records\":%d,\"batchSize\":%d,\"cards\":%d,\"terminals\":%d,"
                            + "\"threads\":%d,\"database\":\"Apache Derby embedded, durable commits\",\"accepted\":%d,"
                            + "\"notAccepted\":%d,\"rawInsertSeconds\":%.2f,\"rawInsertPerSecond\":%.0f,"
                            + "\"keyedInsertPerSecond\":%.0f,\"keyedRatio\":%.3f,\"ingestSeconds\":%.2f,\"ingestPerSecond\":%.0f,\"ratio\":%.3f,\"targetRatio\":0.7,"
                            + "\"meetsTarget\":%s,\"meetsV1Target\":%s,\"rawInsertCpuSeconds\":%.2f,\"ingestCpuSeconds\":%.2f,"
                            + "\"cpuRatio\":%.3f,\"keyedInsertCpuSeconds\":%.2f,\"keyedCpuRatio\":%.3f,"
                            + "\"setupLoadsSeconds\":%.1f,\"generationSeconds\":%.1f}",
                    records,
                    BATCH,
                    cardCount,
                    terminalCount,
                    threads,
                    ing.counts()[0],
                    ing.counts()[1],
                    raw.seconds(),
                    rawRate,
                    keyedRate,
                    ingestRate / keyedRate,
                    ing.seconds(),
                    ingestRate,
                    ratio,
                    ingestRate / keyedRate >= 0.7, // DESIGN §7 v2: beside the keyed raw insert
                    ratio >= 0.7, // v1: beside the bare raw insert
                    raw.cpuSeconds(),
                    ing.cpuSeconds(),
                    raw.cpuSeconds() / ing.cpuSeconds(),
                    keyed.cpuSeconds(),
                    keyed.cpuSeconds() / ing.cpuSeconds(),
                    setupSeconds,
                    genSeconds);
        }
    }

    /** Wall time of a phase, CPU time of its working threads, and what they counted. */
    record Timed(double seconds, double cpuSeconds, long[] counts) {}

    interface Work {
        long[] run(List<BatchUpload> part) throws Exception;
    }

    /** Runs every part on its own thread (one part: on the calling thread) and times the whole. */
    static Timed timed(List<List<BatchUpload>> parts, Work work) throws Exception {
        long start = System.nanoTime();
        long[] counts = new long[2];
        double cpu = 0;
        if (parts.size() == 1) {
            long cpuStart = threadCpu();
            counts = work.run(parts.get(0));
            cpu = (threadCpu() - cpuStart) / 1e9;
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(parts.size());
            try {
                List<Future<long[]>> done = new ArrayList<>();
                for (List<BatchUpload> part : parts) {
                    done.add(pool.submit(() -> {
                        long cpuStart = threadCpu();
                        long[] c = work.run(part);
                        return new long[] {c[0], c[1], threadCpu() - cpuStart};
                    }));
                }
                for (Future<long[]> f : done) {
                    long[] c = f.get();
                    counts[0] += c[0];
                    counts[1] += c[1];
                    cpu += c[2] / 1e9;
                }
            } finally {
                pool.shutdown();
            }
        }
        return new Timed((System.nanoTime() - start) / 1e9, cpu, counts);
    }

    /** CPU time of the calling thread (the one that inserts or ingests; Derby's own threads are not counted). */
    static long threadCpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Cards loaded to the maximum balance through the real authorisation and completion (not measured). */
    static List<HostCardModel> loadedCards(BenchServer server, String dept, String terminal, int count) {
        return loadedCards(server, dept, terminal, count, Algorithm.TDES);
    }

    static List<HostCardModel> loadedCards(
            BenchServer server, String dept, String terminal, int count, Algorithm algorithm) {
        LoadAuthoriser authoriser = server.bean(LoadAuthoriser.class);
        LoadCompletion completion = server.bean(LoadCompletion.class);
        List<HostCardModel> cards = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String asn = server.card(String.format("3155%016d", i + 1), algorithm);
            HostCardModel card = new HostCardModel(KEYS, algorithm, asn, 0, 0, 0);
            String stan = String.format("%06d", i % 999_999 + 1);
            long amount = 100_000;
            LoadMessages.AuthorisationAnswer a = authoriser.authorise(new LoadMessages.Authorisation(
                    terminal,
                    stan,
                    asn,
                    ProcessingCode.CASH_LOAD.code(),
                    amount,
                    "20261121",
                    "080000",
                    dept,
                    card.initializeForLoad(amount, terminal)));
            byte[] tac = card.creditForLoad(a.hostData());
            completion.complete(new LoadMessages.Completion(terminal, stan, "20261121", asn, amount, a.rrn(), tac));
            cards.add(card);
        }
        return cards;
    }

    /**
     * Batches of purchases of random cards, terminal after terminal. With several threads each thread's terminals
     * serve their own share of the cards (card index modulo threads), so that a card's records reach the server in
     * the order it made them, as one terminal's uploads do; with one thread every card can be anywhere.
     */
    static List<BatchUpload> generate(
            int records, List<HostCardModel> cards, List<String> terminals, String dept, int threads) {
        List<List<HostCardModel>> cardsOf = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            cardsOf.add(new ArrayList<>());
        }
        for (int c = 0; c < cards.size(); c++) {
            cardsOf.get(c % threads).add(cards.get(c));
        }
        Random random = new Random(42);
        long[] ttsn = new long[terminals.size()];
        int[] batchNo = new int[terminals.size()];
        List<BatchUpload> out = new ArrayList<>(records / BATCH + 1);
        int made = 0;
        int t = 0;
        while (made < records) {
            int n = Math.min(BATCH, records - made);
            byte[] data = new byte[n * OfflineRecord.SIZE];
            String terminal = terminals.get(t);
            for (int i = 0; i < n; i++) {
                List<HostCardModel> own = cardsOf.get(t % threads);
                HostCardModel c = own.get(random.nextInt(own.size()));
                long amount = 1 + random.nextInt(19);
                int second = (made + i) % 86_400;
                String time = String.format("%02d%02d%02d", second / 3600, second / 60 % 60, second % 60);
                byte[] r = c.purchase(amount, terminal, ++ttsn[t], "20261121", time, dept, "");
                System.arraycopy(r, 0, data, i * OfflineRecord.SIZE, r.length);
            }
            out.add(new BatchUpload(terminal, String.format("%06d", ++batchNo[t]), "000001", n, data));
            made += n;
            t = (t + 1) % terminals.size();
        }
        return out;
    }

    static void createRawTable(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (String table : List.of(RAW_TABLE, KEYED_TABLE)) {
                s.execute("CREATE TABLE " + table + " (asn CHAR(20) NOT NULL, offline_seq INTEGER NOT NULL,"
                        + " record_type CHAR(2) NOT NULL, balance_before BIGINT NOT NULL, amount BIGINT NOT NULL,"
                        + " terminal_id CHAR(12) NOT NULL, ttsn BIGINT NOT NULL, transaction_date CHAR(8) NOT NULL,"
                        + " transaction_time CHAR(6) NOT NULL, tac CHAR(8) NOT NULL, key_version SMALLINT NOT NULL,"
                        + " algorithm_id SMALLINT NOT NULL, department_code CHAR(4) NOT NULL,"
                        + " payee_reference VARCHAR(20) NOT NULL, PRIMARY KEY (terminal_id, ttsn)"
                        + (table.equals(KEYED_TABLE) ? ", UNIQUE (asn, offline_seq))" : ")"));
            }
        }
    }

    /** The same rows inserted plainly: decoded, one INSERT each, batched and committed like the ingest. */
    static void rawInserts(DataSource ds, List<BatchUpload> batches, String table) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (BatchUpload b : batches) {
                    byte[] data = b.records();
                    for (int i = 0; i < b.declaredCount(); i++) {
                        byte[] raw = java.util.Arrays.copyOfRange(
                                data, i * OfflineRecord.SIZE, (i + 1) * OfflineRecord.SIZE);
                        OfflineRecord r = OfflineRecord.decode(raw);
                        ps.setString(1, r.asn());
                        ps.setInt(2, r.offlineSeq());
                        ps.setString(3, r.recordType());
                        ps.setLong(4, r.balanceBefore());
                        ps.setLong(5, r.amount());
                        ps.setString(6, r.terminalId());
                        ps.setLong(7, r.ttsn());
                        ps.setString(8, r.transactionDate());
                        ps.setString(9, r.transactionTime());
                        ps.setString(10, r.tac());
                        ps.setShort(11, (short) r.keyVersion());
                        ps.setShort(12, (short) r.algorithmId());
                        ps.setString(13, r.departmentCode());
                        ps.setString(14, r.payeeReference());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
            c.setAutoCommit(true);
        }
    }
}
