package org.citycard.system.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.citycard.system.city.Progress;

/** The demo's progress on the console: numbered phases, indented details, a progress bar for long phases. */
final class ConsoleProgress implements Progress {
    private final PrintStream out;
    private final long start = System.nanoTime();

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void phase(int n, int of, String title) {
        out.printf("[%d/%d] %-62s %5.1f s%n", n, of, title, (System.nanoTime() - start) / 1e9);
        out.flush();
    }

    @Override
    public void detail(String line) {
        out.println("      " + line);
        out.flush();
    }

    @Override
    public Bar bar(String task, long total) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("      " + task)
                .setInitialMax(Math.max(1, total))
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
