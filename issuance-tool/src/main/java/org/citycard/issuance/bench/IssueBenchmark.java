package org.citycard.issuance.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.format.FixedWidthCodec;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.enrolment.Applicant;
import org.citycard.issuance.perso.ProductionService;
import org.citycard.issuance.perso.ProgressListener;
import org.citycard.issuance.perso.source.SimulatorCardSource;
import org.citycard.issuance.staff.Role;
import org.citycard.issuance.staff.Staff;

/**
 * The issuance benchmark (DESIGN §7: host-side ≤ 20 ms per card; 1,000 simulated cards ≤ 60 s): enrols and compares
 * N citizens, then personalises them as one batch on simulated cards (the real applets in jCardSim, module
 * card-os-applets, needed on the class path at run time) with the demo key set, into a fresh Derby data directory.
 * Prints one JSON object: end-to-end time, time per card, the host's share (everything but waiting for the card:
 * key derivation, commands, read-back checks, database, audit), APDUs per card, and the ratios to the targets.
 *
 * <p>{@code java … org.citycard.issuance.bench.IssueBenchmark [cards] [warm-up cards]}; defaults 1000 and 50, or the
 * system properties {@code citycard.issuance.bench.cards} and {@code citycard.issuance.bench.warmup}.
 */
public final class IssueBenchmark {
    public static final double TARGET_HOST_MS_PER_CARD = 20;
    public static final double TARGET_SECONDS_PER_1000 = 60;

    private IssueBenchmark() {}

    public static void main(String[] args) throws IOException {
        int cards =
                args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("citycard.issuance.bench.cards", 1000);
        int warmup =
                args.length > 1 ? Integer.parseInt(args[1]) : Integer.getInteger("citycard.issuance.bench.warmup", 50);
        System.out.println(run(cards, warmup).toPrettyString());
    }

    /** Runs the benchmark in a temporary data directory (deleted afterwards) and returns the JSON result. */
    public static ObjectNode run(int cards, int warmup) throws IOException {
        Path dir = Files.createTempDirectory("citycard-issue-bench");
        try {
            return run(dir, cards, warmup);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static ObjectNode run(Path dir, int cards, int warmup) throws IOException {
        if (System.getProperty("citycard.pbkdf2.iterations") == null) {
            System.setProperty("citycard.pbkdf2.iterations", "10000"); // set-up log-ins are not what is measured
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode out = json.createObjectNode();
        out.put("benchmark", "issuance");
        out.put("cards", cards);
        out.put("warmupCards", warmup);
        // the benchmark's own fresh directory: a random boot password, kept in memory for this run only
        byte[] raw = new byte[16];
        new java.security.SecureRandom().nextBytes(raw);
        char[] boot = java.util.HexFormat.of().formatHex(raw).toCharArray();
        try (IssuanceTool tool = IssuanceTool.open(dir.resolve("data"), boot)) {
            char[] pw = "benchmark password".toCharArray();
            Staff sup = tool.staff().bootstrap("sup", "Supervisor", pw.clone());
            tool.staff().add(sup, "clerk", "Clerk", EnumSet.of(Role.ENROLMENT_CLERK), pw.clone());
            tool.staff().add(sup, "rev", "Reviewer", EnumSet.of(Role.REVIEWER), pw.clone());
            tool.staff().add(sup, "op", "Operator", EnumSet.of(Role.PRODUCTION_OPERATOR), pw.clone());
            Staff clerk = tool.staff().authenticate("clerk", pw.clone());
            Staff reviewer = tool.staff().authenticate("rev", pw.clone());
            Staff operator = tool.staff().authenticate("op", pw.clone());
            KeySet keys = tool.keyStores().open(operator, "demo", null);
            SimulatorCardSource source = SimulatorCardSource.citizenCards("bench-" + System.nanoTime(), keys.key("TK"));

            if (warmup > 0) {
                prepare(tool, clerk, reviewer, dir, 1, warmup);
                ProductionService.Batch w = tool.production().create(operator, warmup, "demo");
                tool.production()
                        .run(
                                operator,
                                w.id(),
                                keys,
                                source,
                                ProgressListener.quiet(),
                                new NullRegistry(),
                                "990000000001");
            }
            long t0 = System.nanoTime();
            prepare(tool, clerk, reviewer, dir, 1 + warmup, cards);
            long enrolNanos = System.nanoTime() - t0;
            ProductionService.Batch b = tool.production().create(operator, cards, "demo");
            ProductionService.Summary s = tool.production()
                    .run(operator, b.id(), keys, source, ProgressListener.quiet(), new NullRegistry(), "990000000001");
            if (!s.complete()) {
                throw new IllegalStateException("the benchmark batch stopped: " + s.stoppedBy());
            }
            double seconds = s.elapsedNanos() / 1e9;
            double msPerCard = s.elapsedNanos() / 1e6 / cards;
            double hostMs = s.hostNanos() / 1e6 / cards;
            double cardMs = (s.elapsedNanos() - s.hostNanos()) / 1e6 / cards;
            double secondsPer1000 = seconds * 1000.0 / cards;
            ObjectNode p = out.putObject("personalisation");
            p.put("endToEndSeconds", round(seconds));
            p.put("cardsPerSecond", round(cards / seconds));
            p.put("msPerCard", round(msPerCard));
            p.put("hostMsPerCard", round(hostMs));
            p.put("cardMsPerCard", round(cardMs));
            p.put("apdusPerCard", round((double) s.apdus() / cards));
            p.put("secondsPer1000Cards", round(secondsPer1000));
            ObjectNode e = out.putObject("enrolmentAndComparison");
            e.put("seconds", round(enrolNanos / 1e9));
            e.put("msPerCitizen", round(enrolNanos / 1e6 / cards));
            ObjectNode t = out.putObject("targets");
            t.put("hostMsPerCard", TARGET_HOST_MS_PER_CARD);
            t.put("secondsPer1000Cards", TARGET_SECONDS_PER_1000);
            ObjectNode r = out.putObject("ratios");
            r.put("hostMsPerCardToTarget", round(hostMs / TARGET_HOST_MS_PER_CARD));
            r.put("secondsPer1000CardsToTarget", round(secondsPer1000 / TARGET_SECONDS_PER_1000));
            r.put("meetsTargets", hostMs <= TARGET_HOST_MS_PER_CARD && secondsPer1000 <= TARGET_SECONDS_PER_1000);
            ObjectNode env = out.putObject("environment");
            env.put("processors", Runtime.getRuntime().availableProcessors());
            env.put("java", System.getProperty("java.version"));
            env.put("database", "Apache Derby embedded, durable commits");
            env.put("cards", "jCardSim in-process, through javax.smartcardio");
        }
        return out;
    }

    /** Enrols, registers and compares {@code n} citizens numbered from {@code first}: n verified applications. */
    private static void prepare(IssuanceTool tool, Staff clerk, Staff reviewer, Path dir, int first, int n)
            throws IOException {
        Dictionary dict = tool.dictionary();
        FixedWidthCodec codec = new FixedWidthCodec(dict, "population_registry");
        Path photos = Files.createDirectories(dir.resolve("photos"));
        List<Applicant> applicants = new ArrayList<>();
        StringBuilder registry = new StringBuilder();
        for (int i = first; i < first + n; i++) {
            String id = citizenId(i);
            String sex = CitizenId.parse(id).sex();
            String birth = id.substring(6, 14);
            String name = "市民" + (char) ('甲' + i % 10) + (char) ('子' + i / 10 % 12);
            Path photo = Files.write(photos.resolve(id + ".jpg"), jpeg(i));
            applicants.add(new Applicant(id, name, sex, "01", birth, null, null, null, null, null, null, photo));
            Map<String, String> v = new LinkedHashMap<>();
            v.put("citizen_id", id);
            v.put("name", name);
            v.put("sex", sex);
            v.put("birth_date", birth);
            v.put("ethnicity", "01");
            v.put("region", id.substring(0, 6));
            v.put("status", "1");
            registry.append(codec.format("P", v)).append('\n');
        }
        Path file = dir.resolve("registry-" + first + ".txt");
        Files.write(file, registry.toString().getBytes(Charset.forName("GB18030")));
        tool.registry().importFile(reviewer, file);
        for (Applicant a : applicants) {
            tool.enrolment().enrol(clerk, a);
        }
        tool.comparison().compareAll(clerk);
    }

    /** A valid GB 11643 ID of Huangpu district (310101), a different birth date per number. */
    static String citizenId(int n) {
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(n * 7L % 25000);
        String first17 =
                "310101" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", n / 3571 % 1000);
        return first17 + CitizenId.checkCharacter(first17);
    }

    private static byte[] jpeg(long seed) {
        BufferedImage img = new BufferedImage(96, 112, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
