package org.citycard.department;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.exchange.FileMac;
import org.citycard.dictionary.format.FixedWidthCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A department seals its exchange file with the key the centre issued (issue 15): {@code seal-file} writes the
 * trailer's MAC, {@code verify-file} checks it; a byte changed afterwards, or another key, does not verify.
 */
class DepartmentFileMacTest {
    static final FixedWidthCodec CODEC = new FixedWidthCodec(Dictionary.standard(), "social_security_exchange");

    @TempDir
    Path dir;

    @Test
    void sealFile_writesTheMacTheCentreVerifies_aChangedByteOrAnotherKeyDoesNotVerify() throws Exception {
        byte[] key = FileMac.newKey();
        Path keyFile = dir.resolve("file.key");
        Files.writeString(keyFile, HexFormat.of().formatHex(key));
        Path file = dir.resolve("ss.txt");
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(CODEC.formatBytes("H", Map.of("created", "20310301", "sender", "SOCSEC01")));
        f.writeBytes(CODEC.formatBytes(
                "M",
                Map.of(
                        "citizen_id", "11010519491231002X",
                        "date", "20310228",
                        "direction", "I",
                        "amount", 1_000L,
                        "balance_after", 1_000L,
                        "description", "划入",
                        "movement_id", "SS-20310228-1")));
        f.writeBytes(CODEC.formatBytes("T", Map.of("line_count", 1, "file_mac", "")));
        Files.write(file, f.toByteArray());
        assertThat(run("verify-file", "--file-key-file", keyFile.toString(), file.toString()))
                .isEqualTo(1);

        assertThat(run("seal-file", "--file-key-file", keyFile.toString(), file.toString()))
                .isZero();

        byte[] sealed = Files.readAllBytes(file);
        assertThat(FileMac.verify(sealed, key)).isTrue();
        assertThat(FileMac.declared(sealed)).matches("[0-9A-F]{64}");
        assertThat(new String(sealed, StandardCharsets.US_ASCII))
                .doesNotContain(HexFormat.of().formatHex(key));
        assertThat(run("verify-file", "--file-key-file", keyFile.toString(), file.toString()))
                .isZero();
        assertThat(FileMac.verify(sealed, FileMac.newKey())).isFalse();

        sealed[130] = (byte) (sealed[130] == '1' ? '2' : '1');
        Files.write(file, sealed);
        assertThat(run("verify-file", "--file-key-file", keyFile.toString(), file.toString()))
                .isEqualTo(1);
        assertThat(FileMac.verify(sealed, key)).isFalse();
    }

    private static int run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new DepartmentCli()).execute(args);
        } finally {
            System.setOut(old);
        }
    }
}
