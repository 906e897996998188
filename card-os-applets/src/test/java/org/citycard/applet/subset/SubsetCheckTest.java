package org.citycard.applet.subset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build-time Java Card subset check of the applets (CONVENTIONS.md): the bytecode a Java Card converter would
 * refuse, or that is bad card practice, fails the build. The simulator package is host code and is not scanned.
 */
class SubsetCheckTest {
    private static final Path CLASSES = Path.of("target", "classes");
    /** The card packages: the library and the three applet packages (not the simulator package, host code). */
    static final List<String> CARD_PACKAGES = List.of(
            "org/citycard/applet", "org/citycard/applet/purse", "org/citycard/applet/ssse", "org/citycard/applet/psam");

    @Test
    void appletClasses_stayInsideTheJavaCardSubset() throws IOException {
        JavaCardSubsetChecker checker = new JavaCardSubsetChecker(CARD_PACKAGES.toArray(String[]::new));
        for (String p : CARD_PACKAGES) {
            checker.addDirectory(CLASSES.resolve(p));
        }

        List<String> violations = checker.check();

        System.out.println("Java Card subset check: " + checker.classCount() + " applet classes scanned, "
                + violations.size() + " violations");
        assertThat(checker.classCount()).as("classes scanned").isGreaterThanOrEqualTo(20);
        assertThat(checker.classNames())
                .as("the applets' own SM4 and the engine that serves both algorithms are card code")
                .contains("org/citycard/applet/Sm4", "org/citycard/applet/CryptoEngine");
        assertThat(violations).isEmpty();
    }

    @Test
    void sm4Cipher_alone_staysInsideTheJavaCardSubset() throws IOException {
        JavaCardSubsetChecker checker = new JavaCardSubsetChecker(CARD_PACKAGES.toArray(String[]::new));
        checker.add(java.nio.file.Files.readAllBytes(CLASSES.resolve("org/citycard/applet/Sm4.class")));

        List<String> violations = checker.check();

        System.out.println("Java Card subset check of Sm4: " + violations.size() + " violations");
        assertThat(violations)
                .as("byte and short arithmetic only, tables made at install")
                .isEmpty();
    }

    @Test
    void checker_catchesADeliberatelyBadClass() throws IOException {
        JavaCardSubsetChecker checker = new JavaCardSubsetChecker("org/citycard/applet/subset", "org/citycard/applet");
        try (InputStream in = SubsetCheckTest.class.getResourceAsStream("BadApplet.class")) {
            checker.add(in.readAllBytes());
        }

        List<String> violations = checker.check();

        assertThat(violations)
                .anyMatch(v -> v.contains("field type is int"))
                .anyMatch(v -> v.contains(": long"))
                .anyMatch(v -> v.contains("java.lang.String is not Java Card API"))
                .anyMatch(v -> v.contains("java.util.ArrayList is not Java Card API"))
                .anyMatch(v -> v.contains("process") && v.contains("allocates (newarray)"))
                .anyMatch(v -> v.contains("process") && v.contains("makeTransientByteArray"))
                .anyMatch(v -> v.contains("static field that is not final"))
                .anyMatch(v -> v.contains("local variable type is int"))
                .anyMatch(v -> v.contains("does not fit in a short"))
                .anyMatch(v -> v.contains("float"))
                .anyMatch(v -> v.contains("invokedynamic"));
        assertThat(violations)
                .as("the simulator package is host code, not one of the card packages")
                .anyMatch(v -> v.contains("org.citycard.applet.sim.SimulatedCard is not Java Card API"));
        assertThat(violations)
                .as("allocation in the constructor and in a helper only the constructor calls is fine")
                .noneMatch(v -> v.contains("<init>") && v.contains("allocates"))
                .noneMatch(v -> v.contains("allocateOnce") && v.contains("allocates"));
    }
}
