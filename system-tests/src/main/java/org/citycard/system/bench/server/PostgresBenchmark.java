package org.citycard.system.bench.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.citycard.clearing.ingest.BatchUpload;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.clearing.testing.PostgresServer;
import org.citycard.clearing.testing.TerminalClient;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.wire.ResponseCode;
import org.citycard.system.ha.ServerInstance;
import org.jpos.iso.ISOMsg;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code bench ingest --postgres} and {@code bench auth --postgres}: the same work as the Derby benchmarks, on
 * PostgreSQL, with one and with several server instances (separate processes, {@code ./citycard server --postgres})
 * on one database; the terminals' threads are spread over the instances (thread k talks to instance k mod n). Every
 * run has its own throwaway PostgreSQL cluster and its baseline measured in it, before the server's work: the keyed
 * raw insert of the same rows (ingest: the records, unique by (terminal, TTSN) and (ASN, offline seq), one commit a
 * batch; auth: one load row per authorisation, unique by (terminal, STAN) and (ASN, online counter), one commit each),
 * from as many threads. Unlike the Derby ingest benchmark (in process), the records go over ISO 8583 (0320), as
 * terminals send them. Before the baseline, every instance ingests {@link #WARMUP_RECORDS} records of its own
 * terminals (not measured), so the ingest figure is a running server's, not its JIT compiling the path. Beside the
 * wall times, the CPU seconds of each phase (Linux /proc): the bench JVM (the inserting threads, or the terminals),
 * the server instances and the PostgreSQL cluster, and their ratio ({@code cpuRatio}, keyed ÷ ingest), steadier than
 * the wall-time ratio when other work shares the cores. Prints one JSON object per instance count.
 */
public final class PostgresBenchmark {
    static final KeySet KEYS = KeySet.demo();
    static final String DEPT = "0303";

    private PostgresBenchmark() {}

    /** A throwaway cluster with {@code instances} servers on it, started one after the other. */
    static final class Cluster implements AutoCloseable {
        final Path dir;
        final PostgresServer pg;
        final List<ServerInstance> servers = new ArrayList<>();
        final String password = "bench-" + UUID.randomUUID();
        /** The admin password after its forced first change (issue 15). */
        final String changed = password + "-changed";

        private boolean passwordChanged;
        final HttpClient http = HttpClient.newHttpClient();

        Cluster(int instances) throws Exception {
            dir = Files.createTempDirectory("citycard-bench-pg-");
            pg = PostgresServer.start("citycard_bench");
            try {
                for (int i = 0; i < instances; i++) {
                    ServerInstance s = new ServerInstance(
                            "b" + (i + 1),
                            dir.resolve("b" + (i + 1)),
                            pg,
                            password,
                            ServerInstance.MEASURED,
                            List.of());
                    servers.add(s);
                    s.start();
                }
            } catch (Exception e) {
                close();
                throw e;
            }
        }

        int isoPort(int thread) {
            return servers.get(thread % servers.size()).isoPort();
        }

        void post(String path, String json) throws Exception {
            if (!passwordChanged) {
                passwordChanged = true;
                send(
                        password,
                        "/api/v1/staff/me/password",
                        "{\"current\":\"" + password + "\",\"new\":\"" + changed + "\"}");
            }
            send(changed, path, json);
        }

        private void send(String as, String path, String json) throws Exception {
            String auth = Base64.getEncoder().encodeToString(("admin:" + as).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + servers.get(0).httpPort() + path))
                            .header("Authorization", "Basic " + auth)
                            .header("X-Requested-With", "citycard-bench") // a staff state change, not a browser form
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
            }
        }

        void department() throws Exception {
            post(
                    "/api/v1/departments",
                    "{\"code\":\"" + DEPT + "\",\"name\":\"基准部门\",\"category\":\"01\",\"bankCode\":\"102100099996\","
                            + "\"accountNumber\":\"6222020200112233\",\"accountName\":\"基准部门账户\",\"feeRateBp\":30}");
        }

        void terminal(String id) throws Exception {
            post(
                    "/api/v1/terminals",
                    "{\"terminalId\":\"" + id + "\",\"departmentCode\":\"" + DEPT + "\",\"psamSerial\":\"9" + id
                            + "0000000\",\"terminalType\":\"01\"}");
        }

        /**
         * Registers the cards as {@code ReferenceService.registerCard} does (a card row, an empty shadow account),
         * straight into the database: over REST every request pays the staff password check, minutes for thousands
         * of cards on a busy machine; none of this is measured.
         */
        void cards(List<String> asns) throws Exception {
            java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
            try (Connection con = pg.connect()) {
                con.setAutoCommit(false);
                try (PreparedStatement card = con.prepareStatement("INSERT INTO card (asn, state, expiry_date,"
                                + " created_at, updated_at) VALUES (?, ?, NULL, ?, ?)");
                        PreparedStatement account = con.prepareStatement("INSERT INTO card_account (asn,"
                                + " next_offline_seq, chain_balance, chain_online_seq, purchase_count, held,"
                                + " pending_loads, version, updated_at) VALUES (?, 0, 0, -1, 0, 0, 0, 0, ?)")) {
                    for (String asn : asns) {
                        card.setString(1, asn);
                        card.setString(2, org.citycard.clearing.reference.CardStates.ACTIVE);
                        card.setTimestamp(3, now);
                        card.setTimestamp(4, now);
                        card.addBatch();
                        account.setString(1, asn);
                        account.setTimestamp(2, now);
                        account.addBatch();
                    }
                    card.executeBatch();
                    account.executeBatch();
                }
                con.commit();
            }
        }

        DriverManagerDataSource dataSource() {
            return new DriverManagerDataSource(pg.url(), pg.user(), pg.password());
        }

        @Override
        public void close() throws Exception {
            for (ServerInstance s : servers) {
                s.close();
            }
            pg.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Ingest over ISO 8583 from {@code threads} uploading threads on {@code instances} servers. */
    public static String ingest(int records, int threads, int instances) throws Exception {
        int cardCount = Math.max(20, records / 200);
        int terminalCount = Math.max(threads, Math.min(40, records / 5_000));
        try (Cluster c = new Cluster(instances)) {
            c.department();
            List<String> terminals = new ArrayList<>();
            for (int i = 0; i < terminalCount; i++) {
                String id = String.format("8%011d", i + 1);
                c.terminal(id);
                terminals.add(id);
            }
            List<String> asns = new ArrayList<>();
            for (int i = 0; i < cardCount; i++) {
                asns.add(String.format("3155%016d", i + 1));
            }
            c.cards(asns);
            List<HostCardModel> cards = new ArrayList<>();
            try (TerminalClient t = new TerminalClient("127.0.0.1", c.isoPort(0), KEYS, terminals.get(0), DEPT)) {
                for (String asn : asns) {
                    HostCardModel card = new HostCardModel(KEYS, asn, 0, 0, 0);
                    ISOMsg a = t.authorise(
                            asn,
                            100_000,
                            t.nextStan(),
                            "20261121",
                            "080000",
                            card.initializeForLoad(100_000, t.terminalId()));
                    require(a, "load");
                    require(t.complete(a, card.creditForLoad(a.getBytes(48))), "load completion");
                    cards.add(card);
                }
            }
            // Warm-up, not measured: every instance ingests WARMUP_RECORDS first, from terminals of their own, on the
            // same cards (their chains go on from there), so the figure is the servers' steady rate, not their JIT
            // compiling the ingest path (a cold server's compiler threads took two thirds of its CPU over 30,000
            // records); the keyed inserts after it meet the same database.
            List<String> warmTerminals = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String id = String.format("9%011d", i + 1);
                c.terminal(id);
                warmTerminals.add(id);
            }
            int warmRecords = Math.min(records, WARMUP_RECORDS) * instances;
            List<List<BatchUpload>> warm = parts(
                    IngestBenchmark.generate(warmRecords, cards, warmTerminals, DEPT, threads), warmTerminals, threads);
            IngestBenchmark.Timed warmUp = IngestBenchmark.timed(warm, uploads(c, warm));
            List<List<BatchUpload>> parts =
                    parts(IngestBenchmark.generate(records, cards, terminals, DEPT, threads), terminals, threads);
            DriverManagerDataSource ds = c.dataSource();
            IngestBenchmark.createRawTable(ds);
            List<Long> serverPids = c.servers.stream().map(ServerInstance::pid).toList();
            long postmaster = c.pg.postmasterPid().orElse(-1L);
            ProcessCpu.Snapshot cpu0 = ProcessCpu.Snapshot.take(serverPids, postmaster);
            IngestBenchmark.Timed keyed = IngestBenchmark.timed(parts, part -> {
                IngestBenchmark.rawInserts(ds, part, IngestBenchmark.KEYED_TABLE);
                return new long[2];
            });
            ProcessCpu.Snapshot cpu1 = ProcessCpu.Snapshot.take(serverPids, postmaster);
            IngestBenchmark.Timed ing = IngestBenchmark.timed(parts, uploads(c, parts));
            ProcessCpu.Snapshot cpu2 = ProcessCpu.Snapshot.take(serverPids, postmaster);
            ProcessCpu.Snapshot keyedCpu = cpu1.minus(cpu0);
            ProcessCpu.Snapshot ingestCpu = cpu2.minus(cpu1);
            // the keyed inserts' work: the inserting threads' JVM and PostgreSQL (the idle servers not counted)
            double keyedCpuSeconds = keyedCpu.bench() + keyedCpu.postgres();
            double keyedRate = records / keyed.seconds();
            double ingestRate = records / ing.seconds();
            double ratio = ingestRate / keyedRate;
            return String.format(
                    Locale.ROOT,
                    "{\"benchmark\":\"ingest\",\"database\":\"PostgreSQL (throwaway cluster, durable commits)\","
                            + "\"instances\":%d,\"records\":%d,\"batchSize\":%d,\"cards\":%d,\"terminals\":%d,"
                            + "\"threads\":%d,\"path\":\"ISO 8583 0320 over TCP\",\"accepted\":%d,\"notAccepted\":%d,"
                            + "\"keyedInsertSeconds\":%.2f,\"keyedInsertPerSecond\":%.0f,\"ingestSeconds\":%.2f,"
                            + "\"ingestPerSecond\":%.0f,\"ratio\":%.3f,\"targetRatio\":0.7,\"meetsTarget\":%s,"
                            + "\"warmUpRecords\":%d,\"warmUpPerSecond\":%.0f,"
                            + "\"keyedCpuSeconds\":{\"bench\":%s,\"postgres\":%s},"
                            + "\"ingestCpuSeconds\":{\"terminals\":%s,\"servers\":%s,\"postgres\":%s},"
                            + "\"keyedCpuMicrosPerRecord\":%s,\"ingestCpuMicrosPerRecord\":%s,\"cpuRatio\":%s}",
                    instances,
                    records,
                    IngestBenchmark.BATCH,
                    cardCount,
                    terminalCount,
                    threads,
                    ing.counts()[0],
                    ing.counts()[1],
                    keyed.seconds(),
                    keyedRate,
                    ing.seconds(),
                    ingestRate,
                    ratio,
                    ratio >= 0.7,
                    warmRecords,
                    warmRecords / warmUp.seconds(),
                    num(keyedCpu.bench(), 2),
                    num(keyedCpu.postgres(), 2),
                    num(ingestCpu.bench(), 2),
                    num(ingestCpu.servers(), 2),
                    num(ingestCpu.postgres(), 2),
                    num(keyedCpuSeconds * 1e6 / records, 1),
                    num(ingestCpu.total() * 1e6 / records, 1),
                    num(keyedCpuSeconds / ingestCpu.total(), 3));
        }
    }

    /** Records every instance ingests before the measured ingest (not measured; its JIT warms up). */
    static final int WARMUP_RECORDS = 10_000;

    /** The batches of each uploading thread: a terminal's batches all on the thread of its index modulo threads. */
    static List<List<BatchUpload>> parts(List<BatchUpload> batches, List<String> terminals, int threads) {
        List<List<BatchUpload>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            parts.add(new ArrayList<>());
        }
        for (BatchUpload b : batches) {
            parts.get(terminals.indexOf(b.terminalId()) % threads).add(b);
        }
        return parts;
    }

    /**
     * Each thread uploads its part's batches over ISO 8583, one connection per terminal to the thread's instance
     * (thread k → instance k mod n), a batch after the answer of the one before; counts the records answered 00 and
     * the others.
     */
    static IngestBenchmark.Work uploads(Cluster c, List<List<BatchUpload>> parts) {
        return part -> {
            int thread = parts.indexOf(part);
            long[] counts = new long[2];
            List<TerminalClient> open = new ArrayList<>();
            try {
                java.util.Map<String, TerminalClient> clients = new java.util.HashMap<>();
                for (BatchUpload b : part) {
                    TerminalClient t = clients.get(b.terminalId());
                    if (t == null) {
                        t = new TerminalClient("127.0.0.1", c.isoPort(thread), KEYS, b.terminalId(), DEPT);
                        clients.put(b.terminalId(), t);
                        open.add(t);
                    }
                    ISOMsg a = t.upload(b.batchNumber(), split(b.records()));
                    require(a, "batch " + b.terminalId() + "/" + b.batchNumber());
                    for (String r : TerminalClient.results(a)) {
                        counts["00".equals(r) ? 0 : 1]++;
                    }
                }
            } finally {
                for (TerminalClient t : open) {
                    t.close();
                }
            }
            return counts;
        };
    }

    /** Load authorisations over ISO 8583 from {@code terminals} terminals on {@code instances} servers. */
    public static String auth(int perTerminal, int terminalCount, int instances) throws Exception {
        int warmup = Math.min(200, perTerminal);
        try (Cluster c = new Cluster(instances)) {
            c.department();
            List<String> terminals = new ArrayList<>();
            List<List<HostCardModel>> cards = new ArrayList<>();
            List<String> asns = new ArrayList<>();
            for (int i = 0; i < terminalCount; i++) {
                String id = String.format("7%011d", i + 1);
                c.terminal(id);
                terminals.add(id);
                List<HostCardModel> own = new ArrayList<>();
                for (int k = 0; k < warmup + perTerminal; k++) {
                    String asn = String.format("3166%03d%013d", i + 1, k + 1);
                    asns.add(asn);
                    own.add(new HostCardModel(KEYS, asn, 0, 0, 0));
                }
                cards.add(own);
            }
            c.cards(asns);
            DriverManagerDataSource ds = c.dataSource();
            double rawSeconds = rawLoadInserts(ds, terminals, cards, warmup, perTerminal);
            run(c, terminals, cards, warmup, 0);
            List<Long> serverPids = c.servers.stream().map(ServerInstance::pid).toList();
            long postmaster = c.pg.postmasterPid().orElse(-1L);
            ProcessCpu.Snapshot cpu0 = ProcessCpu.Snapshot.take(serverPids, postmaster);
            long start = System.nanoTime();
            long[] latencies = run(c, terminals, cards, perTerminal, warmup);
            double seconds = (System.nanoTime() - start) / 1e9;
            // CPU per authorisation of the terminals' JVM, the servers and PostgreSQL: steadier than the rate
            ProcessCpu.Snapshot cpu =
                    ProcessCpu.Snapshot.take(serverPids, postmaster).minus(cpu0);
            Arrays.sort(latencies);
            int n = latencies.length;
            double rate = n / seconds;
            double rawRate = n / rawSeconds;
            return String.format(
                    Locale.ROOT,
                    "{\"benchmark\":\"auth\",\"database\":\"PostgreSQL (throwaway cluster, durable commits)\","
                            + "\"instances\":%d,\"terminals\":%d,\"authorisations\":%d,\"seconds\":%.2f,"
                            + "\"perSecond\":%.0f,\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"maxMs\":%.2f,"
                            + "\"keyedInsertPerSecond\":%.0f,\"ratioToKeyedInsert\":%.3f,"
                            + "\"cpuMsPerAuthorisation\":{\"terminals\":%s,\"servers\":%s,\"postgres\":%s,"
                            + "\"total\":%s}}",
                    instances,
                    terminalCount,
                    n,
                    seconds,
                    rate,
                    latencies[n / 2] / 1e6,
                    latencies[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6,
                    latencies[n - 1] / 1e6,
                    rawRate,
                    rate / rawRate,
                    num(cpu.bench() * 1e3 / n, 3),
                    num(cpu.servers() * 1e3 / n, 3),
                    num(cpu.postgres() * 1e3 / n, 3),
                    num(cpu.total() * 1e3 / n, 3));
        }
    }

    /** Every terminal sends {@code count} authorisations one after the other, to its instance; latencies (ns). */
    static long[] run(Cluster c, List<String> terminals, List<List<HostCardModel>> cards, int count, int offset)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(terminals.size());
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int i = 0; i < terminals.size(); i++) {
                String terminal = terminals.get(i);
                List<HostCardModel> own = cards.get(i);
                int port = c.isoPort(i);
                results.add(pool.submit(() -> {
                    long[] lat = new long[count];
                    try (TerminalClient t = new TerminalClient("127.0.0.1", port, KEYS, terminal, DEPT)) {
                        t.signOn();
                        for (int k = 0; k < count; k++) {
                            HostCardModel card = own.get(offset + k);
                            byte[] data = card.initializeForLoad(100, terminal);
                            String stan = String.format("%06d", offset + k + 1);
                            long s = System.nanoTime();
                            ISOMsg a = t.authorise(card.asn(), 100, stan, "20261121", "090000", data);
                            lat[k] = System.nanoTime() - s;
                            require(a, "authorisation");
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
            return all;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The baseline of an authorisation: one row per load (the load's fields), unique by (terminal, STAN) and by
     * (ASN, online counter), one durable commit each, from as many threads as terminals; returns the seconds.
     */
    static double rawLoadInserts(
            DriverManagerDataSource ds, List<String> terminals, List<List<HostCardModel>> cards, int from, int count)
            throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_keyed_load (terminal_id CHAR(12) NOT NULL, stan CHAR(6) NOT NULL,"
                    + " asn CHAR(20) NOT NULL, online_seq INTEGER NOT NULL, amount BIGINT NOT NULL,"
                    + " card_data VARCHAR(64) NOT NULL, status VARCHAR(12) NOT NULL, PRIMARY KEY (terminal_id, stan),"
                    + " UNIQUE (asn, online_seq))");
        }
        ExecutorService pool = Executors.newFixedThreadPool(terminals.size());
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < terminals.size(); i++) {
                String terminal = terminals.get(i);
                List<HostCardModel> own = cards.get(i);
                done.add(pool.submit(() -> {
                    try (Connection c = ds.getConnection();
                            PreparedStatement ps = c.prepareStatement(
                                    "INSERT INTO bench_keyed_load VALUES (?, ?, ?, ?, ?, ?, 'AUTHORISED')")) {
                        c.setAutoCommit(true);
                        for (int k = 0; k < count; k++) {
                            HostCardModel card = own.get(from + k);
                            ps.setString(1, terminal);
                            ps.setString(2, String.format("%06d", from + k + 1));
                            ps.setString(3, card.asn());
                            ps.setInt(4, card.onlineSeq());
                            ps.setLong(5, 100);
                            ps.setString(6, org.citycard.dictionary.codec.Hex.of(new byte[26]));
                            ps.executeUpdate();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A JSON number with {@code decimals} places, or null when unknown (no /proc). */
    static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "null";
    }

    static byte[][] split(byte[] records) {
        int size = org.citycard.dictionary.record.OfflineRecord.SIZE;
        byte[][] out = new byte[records.length / size][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(records, i * size, (i + 1) * size);
        }
        return out;
    }

    static void require(ISOMsg answer, String what) {
        if (!ResponseCode.APPROVED.code().equals(answer.getString(39))) {
            throw new IllegalStateException(what + " answered " + answer.getString(39));
        }
    }
}
