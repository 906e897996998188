package org.citycard.system.bench.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of processes from Linux's {@code /proc} (user + system), for the PostgreSQL benchmarks' CPU accounting: on
 * a machine whose cores other work shares, the CPU seconds a phase costs are steadier than its wall time. A
 * PostgreSQL cluster's time is its postmaster's own, its reaped children's (backends that ended) and its live
 * children's. Everything is NaN where {@code /proc} cannot be read.
 */
final class ProcessCpu {
    /** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
    private static final double HZ = 100;

    private ProcessCpu() {}

    /** CPU seconds of one process (its threads), NaN when unknown. */
    static double of(long pid) {
        long[] t = stat(pid);
        return t == null ? Double.NaN : (t[0] + t[1]) / HZ;
    }

    /** CPU seconds of the calling JVM. */
    static double self() {
        return of(ProcessHandle.current().pid());
    }

    /** CPU seconds of a process and of every child it has or had (reaped), NaN when unknown. */
    static double withChildren(long pid) {
        long[] t = stat(pid);
        if (t == null) {
            return Double.NaN;
        }
        long ticks = t[0] + t[1] + t[2] + t[3];
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                long child = Long.parseLong(p.getFileName().toString());
                long[] c = stat(child);
                if (c != null && c[4] == pid) {
                    ticks += c[0] + c[1];
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return ticks / HZ;
    }

    /** utime, stime, cutime, cstime, ppid of a process, or null. */
    private static long[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: fields after its closing one
            String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
            // f[0] is field 3 (state): ppid field 4, utime 14, stime 15, cutime 16, cstime 17
            return new long[] {
                Long.parseLong(f[11]),
                Long.parseLong(f[12]),
                Long.parseLong(f[13]),
                Long.parseLong(f[14]),
                Long.parseLong(f[1])
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The CPU seconds of the bench JVM, the servers and the cluster, taken together at one moment. */
    record Snapshot(double bench, double servers, double postgres) {
        static Snapshot take(List<Long> serverPids, long postmaster) {
            double servers = 0;
            for (long p : serverPids) {
                servers += of(p);
            }
            return new Snapshot(self(), servers, postmaster < 0 ? Double.NaN : withChildren(postmaster));
        }

        Snapshot minus(Snapshot before) {
            return new Snapshot(bench - before.bench, servers - before.servers, postgres - before.postgres);
        }

        double total() {
            return bench + servers + postgres;
        }
    }
}
