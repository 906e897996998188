package org.citycard.agent.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.citycard.agent.journal.Journal;
import org.citycard.agent.journal.JournalEntry;
import org.citycard.agent.testing.TestIsoHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent process killed with SIGKILL at random points of its journal writes and uploads, again and again for
 * {@code -Dcitycard.crash.seconds} (120 by default in the build, about one kill a second); then a last run drains the journal. Every complete record
 * must be on the host exactly once, and no record may have travelled in two batches.
 */
class AgentCrashTest {
    @TempDir
    Path dir;

    @Test
    void killedAtRandomPoints_losesNothingAndDoublesNothing() throws Exception {
        long seconds = Long.getLong("citycard.crash.seconds", 120);
        Path journal = dir.resolve("journal");
        int kills = 0;
        try (TestIsoHost host = TestIsoHost.start()) {
            long deadline = System.currentTimeMillis() + seconds * 1000;
            int run = 0;
            while (System.currentTimeMillis() < deadline) {
                Process p = child(journal, host.port(), ++run, "work");
                awaitReady(p);
                Thread.sleep(ThreadLocalRandom.current().nextLong(30, 700));
                p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no Derby shutdown
                p.waitFor(10, TimeUnit.SECONDS);
                kills++;
                if (run % 5 == 0) {
                    host.inject("0320", TestIsoHost.Fault.RESET_AFTER_STORE, 1); // and a reset mid-batch now and then
                }
            }
            Process last = child(journal, host.port(), ++run, "drain");
            awaitReady(last);
            assertThat(last.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).as("the drain run uploaded everything").isZero();

            try (Journal j = Journal.open(journal)) {
                List<JournalEntry> all = j.all();
                Set<String> complete = new HashSet<>();
                int pending = 0;
                for (JournalEntry r : all) {
                    if (r.state() == JournalEntry.State.COMPLETE) {
                        complete.add(r.record().asn() + "/" + r.record().offlineSeq() + "/"
                                + r.record().recordType());
                    } else if (r.state() == JournalEntry.State.PENDING) {
                        pending++;
                    }
                }
                Set<String> stored = host.storedRecords();
                Set<String> lost = new HashSet<>(complete);
                lost.removeAll(stored);
                Set<String> extra = new HashSet<>(stored);
                extra.removeAll(complete);
                List<String> twice = host.recordsInTwoBatches();
                System.out.printf(
                        "agent crash test: %d kills, %d records complete, %d on the server, %d pending their"
                                + " card's proof (the simulated card died with the process); %d lost, %d duplicated%n",
                        kills, complete.size(), stored.size(), pending, lost.size(), twice.size() + extra.size());
                assertThat(kills).isPositive();
                assertThat(complete).isNotEmpty();
                assertThat(lost).as("lost").isEmpty();
                assertThat(extra)
                        .as("on the server but not complete in the journal")
                        .isEmpty();
                assertThat(twice).as("sent in two batches").isEmpty();
            }
        }
    }

    private static Process child(Path journal, int port, int run, String mode) throws Exception {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xshare:auto",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashChild.class.getName(),
                        journal.toString(),
                        Integer.toString(port),
                        Integer.toString(run),
                        mode)
                .redirectErrorStream(true)
                .start();
    }

    private static void awaitReady(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = r.readLine()) != null) {
            if (line.equals("READY")) {
                Thread drainer = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (java.io.IOException ignored) {
                        // the child was killed
                    }
                });
                drainer.setDaemon(true);
                drainer.start();
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the agent child ended before it was ready:\n" + seen);
    }
}
