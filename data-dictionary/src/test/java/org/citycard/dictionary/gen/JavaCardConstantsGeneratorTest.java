package org.citycard.dictionary.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.citycard.dictionary.Dictionary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCardConstantsGeneratorTest {
    private final String source =
            new JavaCardConstantsGenerator(Dictionary.standard()).generate("org.citycard.applet", "CardConstants");

    @Test
    void constantsCarryTheContractBytes() {
        assertThat(source)
                .contains("public static final byte INS_DEBIT_FOR_PURCHASE = (byte) 0x54;")
                .contains("public static final short SW_MAC_INVALID = (short) 0x9302;")
                .contains("public static final byte SFI_PURSE_SFI18 = (byte) 0x18;")
                .contains("public static final byte KEY_ID_DTK = (byte) 0x03;")
                .contains("public static final byte TX_COMPOUND_PURCHASE = (byte) 0x09;")
                .contains(
                        "public static final byte[] MAX_BALANCE = {(byte) 0x00, (byte) 0x01, (byte) 0x86, (byte) 0xA0};")
                .contains("AID_PURSE = {(byte) 0xF0, (byte) 0x43");
    }

    @Test
    void staysInsideTheJavaCardSubset() {
        assertThat(source)
                .doesNotContain(" int ")
                .doesNotContain("long ")
                .doesNotContain("String")
                .doesNotContain("import ");
        assertThat(source).doesNotContain("123456"); // the demo PIN is not a card constant
    }

    @Test
    void compiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("org/citycard/applet/CardConstants.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(
                null, null, null, List.of("-d", dir.toString(), file.toString()).toArray(String[]::new));
        assertThat(rc).isZero();
    }
}
