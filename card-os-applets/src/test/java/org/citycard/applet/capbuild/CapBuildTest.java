package org.citycard.applet.capbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CAP build's own behaviour: a converter error fails it with the converter's message (with the kit; the build's
 * CAP step itself shows the real packages passing), and without a kit it names what is missing and how to give it.
 */
class CapBuildTest {
    private static final Path KIT = Path.of(System.getProperty("jc.home", "../../shared/javacard/jc320v25.1_kit"))
            .toAbsolutePath()
            .normalize();

    @Test
    void missingKit_isNamedWithThePartThatIsMissing(@TempDir Path empty) {
        assertThat(CapBuild.missingKit(empty)).contains("no Java Card kit at " + empty, "bin/converter.sh missing");
    }

    @Test
    void toolLines_errorsAreRecognised() {
        assertThat(CapBuild.isError("[ SEVERE ] Applet RIDs must be equal to their package RID"))
                .isTrue();
        assertThat(CapBuild.reportsNoErrors("[ INFO ] conversion completed with 1 errors and 0 warnings."))
                .isFalse();
        assertThat(CapBuild.reportsNoErrors("[ INFO ] Verification completed with 0 warnings and 0 errors."))
                .isTrue();
    }

    /** The first error the real applets met: a package-visible superclass with public methods. */
    @Test
    void converterError_failsTheBuildWithTheConvertersMessage(@TempDir Path dir) throws Exception {
        assumeTrue(CapBuild.missingKit(KIT) == null, "no Java Card kit at " + KIT + " (-Djc.home=)");
        Path base = write(
                dir,
                "Base.java",
                "package bad; abstract class Base extends javacard.framework.Applet {"
                        + " public void process(javacard.framework.APDU apdu) {} }");
        Path applet = write(
                dir,
                "BadApplet.java",
                "package bad; public final class BadApplet extends Base {"
                        + " public static void install(byte[] b, short o, byte l) { new BadApplet().register(); } }");
        CapBuild build = new CapBuild(dir, dir.resolve("target"), KIT);
        CapBuild.CardPackage bad = new CapBuild.CardPackage(
                "bad", "F000000001", "bad.BadApplet", new byte[] {(byte) 0xF0, 0, 0, 0, 1, 1}, List.of());

        assertThatThrownBy(() -> build.compileAndConvert(bad, List.of(base, applet)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("converter refused bad")
                .hasMessageContaining("[ SEVERE ]")
                .hasMessageContaining("package-visible super class bad.Base has public or protected method(s)")
                .hasMessageContaining("conversion completed with 1 errors");
    }

    private static Path write(Path dir, String name, String source) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, source);
        return file;
    }
}
