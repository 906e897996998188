package org.citycard.system.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.citycard.clearing.ClearingServerApplication;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.reference.Terminal;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A clearing server for a benchmark: the real Spring application on embedded Derby (production durability) in a
 * fresh data directory, ISO 8583 on a free port, no HTTP.
 */
final class BenchServer implements AutoCloseable {
    final Path dir;
    final boolean temporary;
    final ConfigurableApplicationContext context;
    final ReferenceService reference;

    BenchServer(Path dir) throws IOException {
        this.temporary = dir == null;
        this.dir = dir == null ? Files.createTempDirectory("citycard-bench-") : dir;
        this.context = new SpringApplicationBuilder(ClearingServerApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(
                        "--citycard.data-dir=" + this.dir,
                        "--citycard.iso.port=0",
                        "--citycard.keys.source=demo", // the benchmarks run on the public demo keys
                        "--citycard.exchange.port=0",
                        "--logging.level.org.citycard=WARN");
        this.reference = context.getBean(ReferenceService.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    String department(String code, int feeBp) {
        reference.createDepartment(
                new Department(code, "基准部门" + code, "01", "102100099996", "6222020200112233", "基准部门账户", feeBp));
        return code;
    }

    String terminal(String id, String department) {
        reference.createTerminal(new Terminal(
                id, department, "9" + id + "0000000", true, org.citycard.dictionary.wire.TerminalType.COUNTER.code()));
        return id;
    }

    String card(String asn) {
        return card(asn, org.citycard.dictionary.crypto.Algorithm.TDES);
    }

    /** Registers an active card whose keys are of {@code algorithm}. */
    String card(String asn, org.citycard.dictionary.crypto.Algorithm algorithm) {
        reference.registerCard(new Card(asn, CardStates.ACTIVE, null, algorithm.code()), 0);
        return asn;
    }

    @Override
    public void close() throws IOException {
        context.close();
        if (temporary) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
