package org.citycard.system.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.citycard.dictionary.iso8583.Iso8583Packagers;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.NACChannel;

/**
 * The baseline of the authorisation benchmark: a bare jPOS round trip on this machine, in the same run. An echo
 * host (stock NACChannels on a server socket, one thread per connection) answers each message at once; N terminals
 * (stock NACChannels, the dictionary's packager) each send messages shaped like a load authorisation (the same
 * fields and sizes: ASN, processing code, amount, STAN, time, date, terminal, department, the card's 16 bytes, currency,
 * MAC) one after the other. No MAC is computed, no card key derived, nothing stored: what is left is framing,
 * packing and TCP.
 */
public final class JposEcho {
    /** Rate and latency of the round trips. */
    public record Result(int terminals, int roundTrips, double seconds, double perSecond, double p50Ms, double p99Ms) {}

    private JposEcho() {}

    public static Result run(int perTerminal, int terminals) throws Exception {
        ISOPackager packager = Iso8583Packagers.create();
        try (ServerSocket socket = new ServerSocket(0)) {
            ExecutorService host = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "jpos-echo-host");
                t.setDaemon(true);
                return t;
            });
            host.submit(() -> accept(socket, packager, host));
            int warmup = Math.min(200, perTerminal);
            roundTrips(socket.getLocalPort(), packager, terminals, warmup);
            long start = System.nanoTime();
            long[] latencies = roundTrips(socket.getLocalPort(), packager, terminals, perTerminal);
            double seconds = (System.nanoTime() - start) / 1e9;
            host.shutdownNow();
            Arrays.sort(latencies);
            int n = latencies.length;
            return new Result(
                    terminals,
                    n,
                    seconds,
                    n / seconds,
                    latencies[n / 2] / 1e6,
                    latencies[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6);
        }
    }

    private static Void accept(ServerSocket socket, ISOPackager packager, ExecutorService host) {
        while (!socket.isClosed() && !Thread.currentThread().isInterrupted()) {
            try {
                NACChannel channel = new NACChannel(packager, null);
                channel.accept(socket);
                host.submit(() -> echo(channel));
            } catch (IOException e) {
                return null; // the socket closed: the run is over
            }
        }
        return null;
    }

    private static Void echo(NACChannel channel) {
        try {
            while (channel.isConnected()) {
                ISOMsg m = channel.receive();
                m.setResponseMTI();
                m.set(39, "00");
                channel.send(m);
            }
        } catch (IOException | ISOException e) {
            // the terminal hung up
        }
        return null;
    }

    private static long[] roundTrips(int port, ISOPackager packager, int terminals, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(terminals);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < terminals; t++) {
                String terminalId = String.format("7%011d", t + 1);
                futures.add(pool.submit(() -> terminal(port, packager, terminalId, each)));
            }
            long[] all = new long[terminals * each];
            int pos = 0;
            for (Future<long[]> f : futures) {
                long[] l = f.get();
                System.arraycopy(l, 0, all, pos, l.length);
                pos += l.length;
            }
            return all;
        } finally {
            pool.shutdown();
        }
    }

    private static long[] terminal(int port, ISOPackager packager, String terminalId, int each) throws Exception {
        NACChannel channel = new NACChannel("127.0.0.1", port, packager, null);
        channel.connect();
        try {
            long[] latencies = new long[each];
            for (int k = 0; k < each; k++) {
                ISOMsg m = new ISOMsg("0100");
                m.setPackager(packager);
                m.set(2, "31000000000000012345");
                m.set(3, "600000");
                m.set(4, "100");
                m.set(11, String.format("%06d", k % 999_999 + 1));
                m.set(12, "090000");
                m.set(13, "20261121");
                m.set(41, terminalId);
                m.set(42, "0202");
                m.set(48, new byte[16]);
                m.set(49, "156");
                m.set(64, new byte[8]);
                long s = System.nanoTime();
                channel.send(m);
                ISOMsg a = channel.receive();
                latencies[k] = System.nanoTime() - s;
                if (!"00".equals(a.getString(39))) {
                    throw new IllegalStateException("the echo host answered " + a.getString(39));
                }
            }
            return latencies;
        } finally {
            channel.disconnect();
        }
    }
}
