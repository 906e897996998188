package org.citycard.system.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.citycard.system.city.Progress;

/**
 * The demo's progress on the console: numbered phases, indented details, and the time each phase took. A long phase
 * gets a progress bar on a terminal; when the output is piped or redirected (no {@code \r} redraws in a log file) it
 * gets a line at each quarter instead.
 */
final class ConsoleProgress implements Progress {
    private final PrintStream out;
    private final boolean terminal;
    private long phaseStart = -1;
    private int phase;

    ConsoleProgress(PrintStream out) {
        this(out, System.console() != null);
    }

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void phase(int n, int of, String title) {
        endPhase();
        phase = n;
        phaseStart = System.nanoTime();
        out.printf("[%d/%d] %s%n", n, of, title);
        out.flush();
    }

    /** Prints how long the current phase took (called when the next begins, and by the demo at its end). */
    void endPhase() {
        if (phaseStart >= 0) {
            out.printf("      step %d took %.1f s%n", phase, (System.nanoTime() - phaseStart) / 1e9);
            phaseStart = -1;
        }
    }

    @Override
    public void detail(String line) {
        out.println("      " + line);
        out.flush();
    }

    @Override
    public Bar bar(String task, long total) {
        long max = Math.max(1, total);
        if (!terminal) {
            return new Bar() {
                private long done;
                private long shownQuarter;

                @Override
                public void step() {
                    done++;
                    long quarter = done * 4 / max;
                    if (quarter > shownQuarter && done < max) {
                        shownQuarter = quarter;
                        detail(task + ": " + done + " of " + max);
                    }
                }

                @Override
                public void close() {
                    detail(task + ": " + done + " of " + max);
                }
            };
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("      " + task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setMaxRenderedLength(100)
                .setConsumer(new ConsoleProgressBarConsumer(out, 100))
                .clearDisplayOnFinish()
                .build();
        return new Bar() {
            @Override
            public void step() {
                bar.step();
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
