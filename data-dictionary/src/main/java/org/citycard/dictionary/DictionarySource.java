package org.citycard.dictionary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where the definition files come from: the classpath (the shipped dictionary) or a directory (tests, edits). */
@FunctionalInterface
public interface DictionarySource {
    /**
     * Opens a definition file by its path relative to the dictionary root.
     *
     * @return the stream, or null when the file does not exist
     */
    InputStream open(String relativePath) throws IOException;

    /** The dictionary shipped in this jar, under {@code dictionary/}. */
    static DictionarySource classpath() {
        ClassLoader loader = DictionarySource.class.getClassLoader();
        return path -> loader.getResourceAsStream("dictionary/" + path);
    }

    /** A dictionary in a directory laid out like {@code src/main/resources/dictionary}. */
    static DictionarySource directory(Path root) {
        return path -> {
            try {
                return Files.newInputStream(root.resolve(path));
            } catch (NoSuchFileException e) {
                return null;
            }
        };
    }

    /** Reads a whole file as UTF-8, or null when it does not exist. */
    default String readString(String relativePath) {
        try (InputStream in = open(relativePath)) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dictionary file " + relativePath, e);
        }
    }
}
