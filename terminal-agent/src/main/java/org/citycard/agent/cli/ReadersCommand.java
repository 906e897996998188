package org.citycard.agent.cli;

import java.util.concurrent.Callable;
import org.citycard.cardlink.pcsc.ReaderInfo;
import org.citycard.cardlink.pcsc.Readers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "readers",
        mixinStandardHelpOptions = true,
        description = "List the readers, their cards and roles 读卡器列表")
final class ReadersCommand implements Callable<Integer> {
    @Mixin
    AgentOptions opts;

    @Override
    public Integer call() {
        try (Readers readers = Readers.open(opts.readerConfig())) {
            var list = readers.list();
            if (list.isEmpty()) {
                System.out.println("no readers found (" + opts.reader + "); for PC/SC check that pcscd runs and a"
                        + " reader is plugged in, or use --reader sim");
                return 1;
            }
            for (ReaderInfo r : list) {
                System.out.printf(
                        "%-40s %-6s %s%s%n",
                        r.name(),
                        r.role().isEmpty() ? "-" : r.role(),
                        r.cardPresent() ? "card " : "empty",
                        r.atr().isEmpty() ? "" : " ATR " + r.atr());
            }
            return 0;
        }
    }
}
