package org.citycard.system.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * One JSON report of a benchmark run: the machine, and per benchmark its figure, the baseline measured in the same
 * run with the ratio between them, the DESIGN §7 target and whether it is met, and the benchmark's own JSON.
 */
public final class BenchReport {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode benchmarks;

    public BenchReport(boolean full) {
        root.put("report", "CityCard benchmarks");
        root.put("started", OffsetDateTime.now().withNano(0).toString());
        root.put("size", full ? "full (the issues' sizes)" : "default (moderate; --full for the issues' sizes)");
        root.set("machine", machine());
        benchmarks = root.putArray("benchmarks");
    }

    /** The machine the figures were measured on. */
    static ObjectNode machine() {
        ObjectNode m = JSON.createObjectNode();
        m.put("processors", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstLine("/proc/cpuinfo", "model name"));
        m.put("ramMiB", memTotalMiB());
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put(
                "loadAverageAtStart",
                round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        return m;
    }

    /**
     * Adds one benchmark.
     *
     * @param figure what was measured (name → value)
     * @param baseline what the figure is compared with, measured in the same run
     * @param ratio figure ÷ baseline, named
     * @param target the DESIGN §7 target in words
     */
    public ObjectNode add(
            String name,
            ObjectNode figure,
            ObjectNode baseline,
            ObjectNode ratio,
            String target,
            boolean met,
            JsonNode detail,
            double seconds) {
        ObjectNode b = benchmarks.addObject();
        b.put("name", name);
        b.set("figure", figure);
        b.set("baseline", baseline);
        b.set("ratio", ratio);
        b.put("target", target);
        b.put("met", met);
        b.put("benchmarkSeconds", round(seconds));
        b.set("detail", detail);
        return b;
    }

    /** A benchmark that could not run, with the reason. */
    public void failed(String name, String reason) {
        ObjectNode b = benchmarks.addObject();
        b.put("name", name);
        b.put("error", reason);
        b.put("met", false);
    }

    /** How many benchmarks could not run. */
    public int failures() {
        int n = 0;
        for (JsonNode b : benchmarks) {
            n += b.has("error") ? 1 : 0;
        }
        return n;
    }

    public String finish(double seconds) {
        root.put("finished", OffsetDateTime.now().withNano(0).toString());
        root.put("seconds", round(seconds));
        int met = 0;
        for (JsonNode b : benchmarks) {
            met += b.path("met").asBoolean() ? 1 : 0;
        }
        root.put("targetsMet", met + " of " + benchmarks.size());
        return toString();
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toString() + System.lineSeparator());
    }

    @Override
    public String toString() {
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
    }

    private static String firstLine(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static long memTotalMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
