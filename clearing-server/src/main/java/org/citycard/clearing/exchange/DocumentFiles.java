package org.citycard.clearing.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.citycard.clearing.config.CityCardProperties;
import org.springframework.stereotype.Component;

/**
 * The bytes of every document and its signature, as taken in or sent out, under {@code <data-dir>/exchange/documents}
 * ({@code in/}, {@code out/}, {@code refused/}): replay sends them again unchanged.
 */
@Component
class DocumentFiles {
    private final Path root;

    DocumentFiles(CityCardProperties city) {
        this.root = city.dataDir().resolve("exchange").resolve("documents");
    }

    record Stored(byte[] xml, byte[] signature) {}

    void write(String folder, String name, byte[] xml, byte[] signature) {
        Path dir = root.resolve(folder);
        try {
            Files.createDirectories(dir);
            atomic(dir.resolve(safe(name) + ".xml"), xml);
            atomic(dir.resolve(safe(name) + ".p7s"), signature == null ? new byte[0] : signature);
        } catch (IOException e) {
            throw new IllegalStateException("cannot store document " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    Optional<Stored> read(String folder, String name) {
        Path dir = root.resolve(folder);
        Path xml = dir.resolve(safe(name) + ".xml");
        if (!Files.exists(xml)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new Stored(Files.readAllBytes(xml), Files.readAllBytes(dir.resolve(safe(name) + ".p7s"))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read document " + name + ": " + e.getMessage(), e);
        }
    }

    private static void atomic(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A document ID as a file name: printable ASCII, path separators and dots replaced. */
    static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
