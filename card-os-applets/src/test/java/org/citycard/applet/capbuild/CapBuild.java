package org.citycard.applet.capbuild;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.citycard.applet.CardConstants;

/**
 * The CAP build of {@code mvn verify} (card-os-applets README, "CAP files"): with Oracle's Java Card Development Kit
 * tools, compiles the four card packages with {@code --release 8} against {@code api_classic-3.0.5.jar}, converts
 * each to a CAP and an export file with {@code converter.sh -target 3.0.5}, runs the off-card verifier
 * {@code verifycap.sh} on each CAP with the export files it imports, and prints every CAP's size and components
 * against {@link #LOAD_BUDGET}. Any tool error fails the build with the tool's own lines. Without a kit it prints
 * one line saying how to give one and does nothing else, unless the kit is required ({@code -Pcap}).
 *
 * <p>Arguments: module directory, build directory, kit directory (may not exist), {@code required} or
 * {@code optional}.
 */
public final class CapBuild {
    /**
     * What one card's load files may take of a typical 80 KB EEPROM card (README, "Sizes"): the citizen card loads the
     * library, the purse and the SSSE packages, a PSAM the library and the PSAM package.
     */
    static final int LOAD_BUDGET = 16 * 1024;

    private static final String API_EXPORTS = "api_export_files_3.0.5";
    private static final String TARGET = "3.0.5";
    private static final long TOOL_TIMEOUT_SECONDS = 300;

    /** One Java Card package: its name, package AID, the applet it defines (or none: a library) and its imports. */
    record CardPackage(String name, String aid, String appletClass, byte[] appletAid, List<String> imports) {
        String directory() {
            return name.replace('.', '/');
        }

        String shortName() {
            return name.substring(name.lastIndexOf('.') + 1);
        }
    }

    /**
     * The card packages in load order. Each applet package's AID is its applet's RID (CARD-SPEC §2, the first 5 bytes
     * of the applet AID, as the converter requires) followed by 00; the library has a proprietary RID of its own.
     */
    static final List<CardPackage> PACKAGES = List.of(
            new CardPackage(
                    "org.citycard.applet",
                    "F043434C4942",
                    null,
                    null,
                    List.of("java/lang", "javacard/framework", "javacard/security", "javacardx/crypto")),
            new CardPackage(
                    "org.citycard.applet.purse",
                    rid(CardConstants.AID_PURSE) + "00",
                    "org.citycard.applet.purse.PurseApplet",
                    CardConstants.AID_PURSE,
                    List.of("java/lang", "javacard/framework", "javacard/security", "javacardx/crypto", "library")),
            new CardPackage(
                    "org.citycard.applet.ssse",
                    rid(CardConstants.AID_SSSE) + "00",
                    "org.citycard.applet.ssse.SsseApplet",
                    CardConstants.AID_SSSE,
                    List.of(
                            "java/lang",
                            "javacard/framework",
                            "javacard/security",
                            "javacardx/crypto",
                            "library",
                            "org/citycard/applet/purse")),
            new CardPackage(
                    "org.citycard.applet.psam",
                    rid(CardConstants.AID_PSAM) + "00",
                    "org.citycard.applet.psam.PsamApplet",
                    CardConstants.AID_PSAM,
                    List.of("java/lang", "javacard/framework", "javacard/security", "javacardx/crypto", "library")));

    private final Path module;
    private final Path out;
    private final Path kit;

    CapBuild(Path module, Path buildDirectory, Path kit) {
        this.module = module;
        this.out = buildDirectory.resolve("cap");
        this.kit = kit;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 4) {
            throw new IllegalArgumentException(
                    "CapBuild takes 4 arguments: module dir, build dir, kit dir, required|optional; got "
                            + args.length);
        }
        Path kit = Path.of(args[2]).toAbsolutePath().normalize();
        boolean required = "required".equals(args[3]);
        String missing = missingKit(kit);
        if (missing != null) {
            String line = "CAP build skipped: " + missing + "; give Oracle's Java Card Development Kit tools with"
                    + " -Djc.home=/path/to/jc320v25.1_kit (default ../shared/javacard/jc320v25.1_kit beside the"
                    + " checkout)";
            if (required) {
                throw new IllegalStateException(line.replace("CAP build skipped", "-Pcap needs the Java Card kit"));
            }
            System.out.println(line);
            return;
        }
        List<CapFile> caps = new CapBuild(Path.of(args[0]), Path.of(args[1]), kit).build();
        System.out.println(report(caps));
    }

    /** Null when {@code kit} has the tools and the 3.0.5 API, else what is missing. */
    static String missingKit(Path kit) {
        for (String part :
                List.of("bin/converter.sh", "bin/verifycap.sh", "lib/api_classic-3.0.5.jar", "lib/tools.jar")) {
            if (!Files.isRegularFile(kit.resolve(part))) {
                return "no Java Card kit at " + kit + " (" + part + " missing)";
            }
        }
        return null;
    }

    /** A converted and verified CAP file: its package, size and components. */
    record CapFile(
            CardPackage pkg,
            Path file,
            long size,
            Map<String, Long> components,
            String converterLine,
            String verifierLine) {
        /** What a loader sends: every component but the Descriptor and Debug components, which stay off-card. */
        long loadSize() {
            return components.entrySet().stream()
                    .filter(e -> !e.getKey().equals("Descriptor") && !e.getKey().equals("Debug"))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }
    }

    List<CapFile> build() throws IOException, InterruptedException {
        deleteTree(out);
        Files.createDirectories(out);
        Path exports = extractApiExports();
        Path classes = compile();
        List<CapFile> caps = new ArrayList<>();
        for (CardPackage p : PACKAGES) {
            String converted = convert(p, classes, exports);
            Path cap = out.resolve(p.directory()).resolve("javacard").resolve(p.shortName() + ".cap");
            String verified = verify(p, cap, exports);
            caps.add(new CapFile(p, cap, Files.size(cap), components(cap), converted, verified));
        }
        return caps;
    }

    /**
     * Compiles {@code sources} (card code of one package, against the 3.0.5 API) and converts them as package
     * {@code p}: how a test shows that a converter error fails with the tool's own message.
     */
    String compileAndConvert(CardPackage p, List<Path> sources) throws IOException, InterruptedException {
        deleteTree(out);
        Files.createDirectories(out);
        Path exports = extractApiExports();
        Path classes = out.resolve("classes");
        Files.createDirectories(classes);
        javac(
                ToolProvider.getSystemJavaCompiler(),
                List.of(
                        "--release",
                        "8",
                        "-g",
                        "-nowarn",
                        "-Xlint:-options",
                        "-cp",
                        kit.resolve("lib/api_classic-3.0.5.jar").toString(),
                        "-d",
                        classes.toString()),
                sources);
        return convert(p, classes, exports);
    }

    private Path extractApiExports() throws IOException {
        Path dir = out.resolve("api-export");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(kit.resolve("lib/tools.jar")))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().startsWith(API_EXPORTS + "/") && e.getName().endsWith(".exp")) {
                    Path target = dir.resolve(e.getName()).normalize();
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        return dir.resolve(API_EXPORTS);
    }

    /**
     * javac {@code --release 8 -g} against the 3.0.5 API. The library's host copy of CardConstants is compiled apart,
     * onto the class path only: the library uses its scalar constants, which javac inlines, and any reference to one
     * of its arrays would make the converter fail for want of the class (a library may hold no static arrays).
     */
    private Path compile() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the CAP build needs a JDK (javax.tools compiler), not a JRE");
        }
        Path src = module.resolve("src/main/java");
        Path generated = module.resolve("target/generated-sources/card-constants");
        Path host = out.resolve("host-classes");
        Path classes = out.resolve("classes");
        Files.createDirectories(host);
        Files.createDirectories(classes);
        String api = kit.resolve("lib/api_classic-3.0.5.jar").toString();
        javac(
                javac,
                List.of("--release", "8", "-nowarn", "-d", host.toString()),
                List.of(generated.resolve("org/citycard/applet/CardConstants.java")));
        List<Path> sources = new ArrayList<>();
        for (CardPackage p : PACKAGES) {
            sources.addAll(javaFiles(src.resolve(p.directory())));
            if (p.appletClass() != null) {
                sources.add(generated.resolve(p.directory()).resolve("CardConstants.java"));
            }
        }
        javac(
                javac,
                List.of(
                        "--release",
                        "8",
                        "-g",
                        "-nowarn",
                        "-Xlint:-options",
                        "-cp",
                        api + java.io.File.pathSeparator + host,
                        "-d",
                        classes.toString()),
                sources);
        return classes;
    }

    private static void javac(JavaCompiler javac, List<String> options, List<Path> sources) {
        List<String> args = new ArrayList<>(options);
        sources.forEach(s -> args.add(s.toString()));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("CAP build: javac --release 8 against the Java Card 3.0.5 API failed:\n"
                    + err.toString(StandardCharsets.UTF_8));
        }
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")
                            && !f.getFileName().toString().equals("package-info.java"))
                    .sorted()
                    .toList();
        }
    }

    private String convert(CardPackage p, Path classes, Path exports) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                kit.resolve("bin/converter.sh").toString(),
                "-nobanner",
                "-verbose",
                "-target",
                TARGET,
                "-classdir",
                classes.toString(),
                "-exportpath",
                exports + java.io.File.pathSeparator + out,
                "-d",
                out.toString(),
                "-out",
                "CAP",
                "EXP"));
        if (p.appletClass() != null) {
            cmd.addAll(List.of("-applet", colonHex(p.appletAid()), p.appletClass()));
        }
        cmd.addAll(List.of(p.name(), colonHex(HexFormat.of().parseHex(p.aid())), "1.0"));
        return run("converter", p, cmd, out.resolve("converter-" + p.shortName() + ".log"));
    }

    private String verify(CardPackage p, Path cap, Path exports) throws IOException, InterruptedException {
        List<String> cmd =
                new ArrayList<>(List.of(kit.resolve("bin/verifycap.sh").toString(), "-nobanner", "-target", TARGET));
        for (String imported : p.imports()) {
            cmd.add(exportFile(imported, exports).toString());
        }
        cmd.add(out.resolve(p.directory())
                .resolve("javacard")
                .resolve(p.shortName() + ".exp")
                .toString());
        cmd.add(cap.toString());
        return run("verifycap", p, cmd, out.resolve("verifycap-" + p.shortName() + ".log"));
    }

    private Path exportFile(String imported, Path exports) {
        if (imported.equals("library")) {
            imported = PACKAGES.get(0).directory();
        }
        String last = imported.substring(imported.lastIndexOf('/') + 1);
        Path base = imported.startsWith("org/citycard/") ? out : exports;
        return base.resolve(imported).resolve("javacard").resolve(last + ".exp");
    }

    /**
     * Runs a kit tool with {@code JAVA_HOME} set to this JDK, keeps its output in {@code log} and returns its last
     * line; fails with the tool's error lines (and the last) on a non-zero exit or any reported error.
     */
    private String run(String tool, CardPackage p, List<String> cmd, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.directory(out.toFile());
        Process process = pb.start();
        if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(tool + " on " + p.name() + " took over " + TOOL_TIMEOUT_SECONDS + " s");
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        String last = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        List<String> errors = lines.stream().filter(CapBuild::isError).toList();
        if (process.exitValue() != 0 || !errors.isEmpty() || !reportsNoErrors(last)) {
            throw new IllegalStateException(tool + " refused " + p.name() + " (exit " + process.exitValue() + ", full"
                    + " output in " + log + "):\n" + String.join("\n", errors) + "\n" + last);
        }
        return last;
    }

    static boolean isError(String line) {
        return line.startsWith("[ SEVERE ]") || line.startsWith("Error:");
    }

    /** The converter ends with "… completed with 0 errors …", the verifier with "… 0 warnings and 0 errors." */
    static boolean reportsNoErrors(String last) {
        String l = last.toLowerCase(Locale.ROOT);
        return l.contains("completed with 0 errors") || l.contains("and 0 errors");
    }

    /** The sizes of the CAP file's components (the {@code *.cap} entries of the CAP archive), in load order. */
    static Map<String, Long> components(Path cap) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(cap.toFile())) {
            for (String name : List.of(
                    "Header",
                    "Directory",
                    "Import",
                    "Applet",
                    "Class",
                    "Method",
                    "StaticField",
                    "Export",
                    "ConstantPool",
                    "RefLocation",
                    "StaticResources",
                    "Descriptor",
                    "Debug")) {
                ZipEntry e = zip.stream()
                        .filter(z -> z.getName().endsWith("/" + name + ".cap"))
                        .findFirst()
                        .orElse(null);
                if (e != null) {
                    try (InputStream in = zip.getInputStream(e)) {
                        sizes.put(name, (long) in.readAllBytes().length);
                    }
                }
            }
        }
        return sizes;
    }

    /** The lines the build prints: each CAP, its components, the tools' last lines and each card's total. */
    static String report(List<CapFile> caps) {
        StringBuilder s = new StringBuilder();
        for (CapFile c : caps) {
            s.append(String.format(
                    Locale.ROOT,
                    "CAP %-26s AID %-14s %s: %,d bytes (file), %,d bytes to load; components %s%n",
                    c.pkg().name(),
                    c.pkg().aid(),
                    c.file().getFileName(),
                    c.size(),
                    c.loadSize(),
                    c.components().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", "))));
            s.append("    converter: ").append(c.converterLine()).append(System.lineSeparator());
            s.append("    verifycap: ").append(c.verifierLine()).append(System.lineSeparator());
        }
        long citizen = loadSize(caps, "org.citycard.applet", "org.citycard.applet.purse", "org.citycard.applet.ssse");
        long psam = loadSize(caps, "org.citycard.applet", "org.citycard.applet.psam");
        s.append(String.format(
                Locale.ROOT,
                "CAP files: %d converted and verified; to load on a citizen card (library, purse, SSSE) %,d bytes,"
                        + " on a PSAM (library, PSAM) %,d bytes; budget %,d bytes per card of an 80 KB EEPROM card",
                caps.size(),
                citizen,
                psam,
                LOAD_BUDGET));
        if (citizen > LOAD_BUDGET || psam > LOAD_BUDGET) {
            throw new IllegalStateException(s + ": over budget");
        }
        return s.toString();
    }

    private static long loadSize(List<CapFile> caps, String... packages) {
        List<String> names = List.of(packages);
        return caps.stream()
                .filter(c -> names.contains(c.pkg().name()))
                .mapToLong(CapFile::loadSize)
                .sum();
    }

    private static String rid(byte[] aid) {
        return HexFormat.of().withUpperCase().formatHex(aid, 0, 5);
    }

    private static String colonHex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            if (s.length() > 0) {
                s.append(':');
            }
            s.append(String.format(Locale.ROOT, "0x%02X", b & 0xFF));
        }
        return s.toString();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
