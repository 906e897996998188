package org.citycard.agent.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.crypto.TerminalKey;
import org.citycard.dictionary.iso8583.Iso8583Packagers;
import org.citycard.dictionary.iso8583.MessageMacs;
import org.citycard.dictionary.record.OfflineRecord;
import org.citycard.dictionary.record.WorkingKeyBlock;
import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOServer;
import org.jpos.iso.ISOSource;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.GenericPackager;
import org.jpos.util.ThreadPool;

/**
 * A real jPOS ISO 8583 host for the agent's tests: ISOServer + stock NACChannel with the dictionary's packager,
 * answering per iso8583.yaml with the demo keys (MLK for load MAC1/MAC2, MTK for TACs) and each terminal's demo
 * TMK: a sign-on (MACed with its SOK) gets a fresh random TAK under the TMK, which MACs everything else.
 * It keeps what a clearing server would (batches by terminal and number, records by their idempotency keys,
 * loads) and counts what a test checks: records stored once, records seen in two batches, reversals.
 * Faults are injected per MTI: no answer, a late answer, a reset after storing.
 */
public final class TestIsoHost implements ISORequestListener, AutoCloseable {
    public enum Fault {
        NONE,
        SILENT,
        LATE,
        RESET_AFTER_STORE,
        RESET_BEFORE_STORE
    }

    private static final DateTimeFormatter D = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter T = DateTimeFormatter.ofPattern("HHmmss");
    private final CardCrypto crypto = CardCrypto.tdes();
    private final KeySet keys = KeySet.demo();
    private final GenericPackager packager = Iso8583Packagers.create();
    private final int port;
    private ISOServer server;
    private Thread thread;

    // state a clearing server keeps
    private final Map<String, String> batchResults = new ConcurrentHashMap<>(); // terminal/batch -> results
    private final Map<String, String> batchContents = new ConcurrentHashMap<>();
    private final Map<String, Integer> recordsByAsnSeq = new ConcurrentHashMap<>(); // asn/seq -> times stored
    private final Map<String, Set<Integer>> batchesOfRecord = new ConcurrentHashMap<>();
    private final Set<String> ttsnKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> storedAmounts = new ConcurrentHashMap<>();
    private final Map<String, String> loadsAuthorised = new ConcurrentHashMap<>(); // terminal/stan -> asn
    private final Map<String, Long> loadsCompleted = new ConcurrentHashMap<>(); // terminal/stan -> amount
    private final Set<String> loadsReversed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger messages = new AtomicInteger();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> faultCounts = new ConcurrentHashMap<>();
    private volatile long lateMs = 0;
    private volatile String hotlistVersion = "00000001";
    private volatile String parameterVersion = "00000001";
    private volatile String declineLoadsWith;
    private final Map<String, byte[]> workingKeys = new ConcurrentHashMap<>(); // terminal -> TAK of its last sign-on
    private final AtomicInteger signOns = new AtomicInteger();
    private final Set<String> retired = ConcurrentHashMap.newKeySet();

    public TestIsoHost(int port) {
        this.port = port;
    }

    public static TestIsoHost start() {
        TestIsoHost h = new TestIsoHost(freePort());
        h.listen();
        return h;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts (or restarts after {@link #stop()}) listening, keeping every stored record. */
    public synchronized void listen() {
        try {
            server = new ISOServer(port, new NACChannel(packager, null), new ThreadPool(1, 16));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            server.setConfiguration(new org.jpos.core.SimpleConfiguration());
        } catch (org.jpos.core.ConfigurationException e) {
            throw new IllegalStateException(e);
        }
        server.addISORequestListener(this);
        thread = new Thread(server, "test-iso-host-" + port);
        thread.setDaemon(true);
        thread.start();
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                sleep(20);
            }
        }
        throw new IllegalStateException("test host did not start on port " + port);
    }

    /** The server goes away: the listening socket and every connection close. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server = null;
            sleep(100);
        }
    }

    public int port() {
        return port;
    }

    /** The next {@code count} messages of this MTI get the fault. */
    public void inject(String mti, Fault fault, int count) {
        faults.put(mti, fault);
        faultCounts.put(mti, new AtomicInteger(count));
    }

    public void lateBy(long ms) {
        this.lateMs = ms;
    }

    public void versions(String hotlist, String parameters) {
        this.hotlistVersion = hotlist;
        this.parameterVersion = parameters;
    }

    /** The host forgets every working key, as a server that lost them: terminals get 63 until they sign on. */
    public void forgetWorkingKeys() {
        workingKeys.clear();
    }

    /** Every working key the host holds is retired: messages under it get A0 (MACed with it) until a sign-on. */
    public void retireWorkingKeys() {
        retired.addAll(workingKeys.keySet());
    }

    /** Sign-ons answered so far. */
    public int signOns() {
        return signOns.get();
    }

    /** The TAK the host holds for a terminal (to MAC a forged answer in a test), or null. */
    public byte[] workingKey(String terminal) {
        byte[] k = workingKeys.get(terminal);
        return k == null ? null : k.clone();
    }

    public void declineLoadsWith(String rc) {
        this.declineLoadsWith = rc;
    }

    private Fault takeFault(String mti) {
        AtomicInteger n = faultCounts.get(mti);
        if (n != null && n.getAndDecrement() > 0) {
            return faults.getOrDefault(mti, Fault.NONE);
        }
        return Fault.NONE;
    }

    @Override
    public boolean process(ISOSource source, ISOMsg m) {
        messages.incrementAndGet();
        try {
            String mti = m.getMTI();
            String terminal = m.getString(41);
            m.setPackager(packager);
            boolean signOn = org.citycard.dictionary.iso8583.message.NetworkRequest.isSignOn(m);
            TerminalKey terminalKey = TerminalKey.demo(terminal);
            byte[] tak = signOn ? terminalKey.signOnKey() : workingKeys.get(terminal);
            ISOMsg a = (ISOMsg) m.clone();
            a.setResponseMTI();
            for (int f : new int[] {48, 62, 63, 64, 128}) {
                a.unset(f);
            }
            if (tak == null || !MessageMacs.verify(m.pack(), tak)) {
                a.set(39, "63");
                MessageMacs.zeroMac(a);
                source.send(a);
                return true;
            }
            if (!signOn && retired.contains(terminal)) {
                a.set(39, "A0");
                keepOnly(a, new int[] {11, 39, 41, 70});
                MessageMacs.sign(a, tak);
                source.send(a);
                return true;
            }
            Fault fault = takeFault(mti);
            if (fault == Fault.SILENT) {
                return true;
            }
            if (fault == Fault.RESET_BEFORE_STORE) {
                ((BaseChannel) source).disconnect();
                return true;
            }
            switch (mti) {
                case "0800" -> {
                    a.set(39, "00");
                    a.set(62, hotlistVersion + parameterVersion);
                    if (signOn) {
                        byte[] fresh = new byte[16];
                        new java.security.SecureRandom().nextBytes(fresh);
                        workingKeys.put(terminal, fresh);
                        retired.remove(terminal);
                        signOns.incrementAndGet();
                        a.set(48, WorkingKeyBlock.seal(terminalKey.tmk(), fresh).bytes());
                    }
                }
                case "0100" -> authorise(m, a);
                case "0220" -> complete(m, a);
                case "0400" -> reverse(m, a);
                case "0320" -> batch(m, a);
                case "0500" -> reconcile(m, a);
                default -> a.set(39, "12");
            }
            keepOnly(a, ALLOWED.getOrDefault(a.getMTI(), new int[] {11, 39, 41}));
            MessageMacs.sign(a, tak);
            if (fault == Fault.RESET_AFTER_STORE) {
                ((BaseChannel) source).disconnect();
                return true;
            }
            if (fault == Fault.LATE) {
                sleep(lateMs);
            }
            source.send(a);
        } catch (ISOException | IOException e) {
            // the agent sees a broken connection, which is the point of some tests
        }
        return true;
    }

    private static final Map<String, int[]> ALLOWED = Map.of(
            "0810", new int[] {11, 39, 41, 48, 62, 70},
            "0110", new int[] {2, 3, 4, 11, 12, 13, 37, 38, 39, 41, 42, 48},
            "0230", new int[] {11, 37, 39, 41},
            "0410", new int[] {11, 39, 41},
            "0330", new int[] {11, 39, 41, 60, 61, 63},
            "0510", new int[] {11, 15, 39, 41, 60, 74, 76, 86, 88});

    private static void keepOnly(ISOMsg a, int[] fields) {
        Set<Integer> keep = new HashSet<>();
        for (int f : fields) {
            keep.add(f);
        }
        for (int f = 2; f <= 128; f++) {
            if (!keep.contains(f)) {
                a.unset(f);
            }
        }
    }

    private void authorise(ISOMsg m, ISOMsg a) throws ISOException {
        if (declineLoadsWith != null) {
            a.set(39, declineLoadsWith);
            return;
        }
        String asn = m.getString(2);
        byte[] f48 = m.getBytes(48);
        byte[] balance = Arrays.copyOfRange(f48, 0, 4);
        byte[] onlineSeq = Arrays.copyOfRange(f48, 4, 6);
        byte[] random = Arrays.copyOfRange(f48, 8, 12);
        byte[] mac1 = Arrays.copyOfRange(f48, 12, 16);
        byte[] amount = Amounts.toBytes(Long.parseLong(m.getString(4)), 4);
        byte[] tid = Bcd.encode(m.getString(41), 6);
        // the card's algorithm (00 3DES, 04 SM4) is in its INITIALIZE FOR LOAD answer, as the clearing server reads it
        org.citycard.dictionary.crypto.Algorithm algorithm = org.citycard.dictionary.crypto.Algorithm.fromId(f48[7]);
        CardCrypto crypto = CardCrypto.of(algorithm);
        byte[] dlk = crypto.cardKey(keys.key("MLK", algorithm), asn);
        byte[] seslk = crypto.loadSessionKey(dlk, random, onlineSeq);
        if (!Arrays.equals(mac1, crypto.loadMac1(seslk, balance, amount, tid))) {
            a.set(39, "63");
            return;
        }
        LocalDateTime now = LocalDateTime.now();
        byte[] date = Bcd.encode(now.format(D), 4);
        byte[] time = Bcd.encode(now.format(T), 3);
        byte[] mac2 = crypto.loadMac2(seslk, amount, tid, date, time);
        loadsAuthorised.put(m.getString(41) + "/" + m.getString(11), asn);
        a.set(39, "00");
        a.set(37, String.format("%012d", messages.get()));
        a.set(38, "000001");
        a.set(48, CardCrypto.concat(mac2, date, time));
    }

    private void complete(ISOMsg m, ISOMsg a) {
        String key = m.getString(41) + "/" + m.getString(11);
        if (!loadsAuthorised.containsKey(key)) {
            a.set(39, "25");
            return;
        }
        boolean fresh = loadsCompleted.putIfAbsent(key, Long.parseLong(m.getString(4))) == null;
        a.set(39, fresh ? "00" : "94");
    }

    private void reverse(ISOMsg m, ISOMsg a) {
        String orig = m.getString(90);
        String key = m.getString(41) + "/" + orig.substring(4, 10);
        if (loadsCompleted.containsKey(key)) {
            a.set(39, "12");
            return;
        }
        loadsReversed.add(key);
        a.set(39, "00");
    }

    private synchronized void batch(ISOMsg m, ISOMsg a) {
        String terminal = m.getString(41);
        int batchNo = Integer.parseInt(m.getString(60));
        String key = terminal + "/" + batchNo;
        String stored = batchResults.get(key);
        String content = Hex.of(m.getBytes(63));
        if (stored != null && !content.equals(batchContents.get(key))) {
            a.set(39, "94"); // the number was used before with other records
            return;
        }
        batchContents.put(key, content);
        if (stored == null) {
            byte[] f63 = m.getBytes(63);
            StringBuilder results = new StringBuilder();
            for (OfflineRecord rec : OfflineRecord.decodeAll(f63)) {
                String rk = rec.asn() + "/" + rec.offlineSeq() + "/" + rec.recordType();
                String tk = rec.terminalId() + "/" + rec.ttsn();
                batchesOfRecord
                        .computeIfAbsent(rk, k -> ConcurrentHashMap.newKeySet())
                        .add(batchNo);
                if (recordsByAsnSeq.containsKey(rk) || !ttsnKeys.add(tk)) {
                    results.append("94");
                } else {
                    recordsByAsnSeq.put(rk, 1);
                    storedAmounts.put(rk, rec.amount());
                    results.append("00");
                }
            }
            stored = results.toString();
            batchResults.put(key, stored);
        }
        a.set(39, "00");
        a.set(63, stored.getBytes(StandardCharsets.US_ASCII));
    }

    private void reconcile(ISOMsg m, ISOMsg a) {
        a.set(39, "00");
    }

    // ------------------------------------------------------------------ what tests check

    /** Keys (ASN/seq/type) of every record stored. */
    public Set<String> storedRecords() {
        return new HashSet<>(recordsByAsnSeq.keySet());
    }

    /** Records that arrived in more than one batch number (an agent that re-batched a record). */
    public List<String> recordsInTwoBatches() {
        List<String> out = new ArrayList<>();
        batchesOfRecord.forEach((k, v) -> {
            if (v.size() > 1) {
                out.add(k + " in " + v);
            }
        });
        return out;
    }

    public int batchCount() {
        return batchResults.size();
    }

    public Map<String, Long> completedLoads() {
        return new HashMap<>(loadsCompleted);
    }

    public Set<String> reversedLoads() {
        return new HashSet<>(loadsReversed);
    }

    public int messageCount() {
        return messages.get();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
