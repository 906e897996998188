package org.citycard.issuance.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.citycard.dictionary.Dictionary;

/**
 * Scans every file under a directory (logs, the audit mirror, Derby's log and database files, key stores) for
 * secrets: each key as upper- and lower-case hex text and as raw bytes, each PIN as text. DESIGN §8: keys and PINs
 * never appear in logs, the database or configuration in clear.
 */
public final class LogScan {
    private LogScan() {}

    /** The hex values of the dictionary's demo key set (public, but a real key would be just as findable). */
    public static List<String> demoKeys() {
        return List.copyOf(Dictionary.standard().keys().demoKeySet().keys().values());
    }

    /** Asserts that no file under {@code root} holds one of the keys (hex) or PINs; returns the files scanned. */
    public static List<Path> assertNoSecrets(Path root, List<String> keysHex, List<String> pins) {
        List<byte[]> needles = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> keys = new ArrayList<>(keysHex);
        keys.addAll(demoKeys());
        for (String k : keys) {
            needles.add(k.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            names.add("key (upper-case hex)");
            needles.add(k.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            names.add("key (lower-case hex)");
            needles.add(HexFormat.of().parseHex(k));
            names.add("key (raw bytes)");
        }
        for (String p : pins) {
            needles.add(p.getBytes(StandardCharsets.US_ASCII));
            names.add("PIN");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            byte[] content;
            try {
                content = Files.readAllBytes(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < needles.size(); i++) {
                assertThat(indexOf(content, needles.get(i)))
                        .as("a %s in %s", names.get(i), root.relativize(f))
                        .isEqualTo(-1);
            }
        }
        assertThat(files).as("files scanned under " + root).isNotEmpty();
        return files;
    }

    /** Asserts that a text (a transcript of the command line) holds none of the keys or PINs. */
    public static void assertNoSecrets(String text, List<String> keysHex, List<String> pins) {
        for (String k : keysHex) {
            assertThat(text.toUpperCase(Locale.ROOT)).doesNotContain(k.toUpperCase(Locale.ROOT));
        }
        for (String p : pins) {
            assertThat(text).doesNotContain(p);
        }
    }

    static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
