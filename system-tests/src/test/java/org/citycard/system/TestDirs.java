package org.citycard.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh data directories under {@code target/system-tests}, kept after the run for a look at what was written. */
public final class TestDirs {
    private TestDirs() {}

    public static Path fresh(String name) throws IOException {
        Path dir = Path.of("target", "system-tests", name + "-" + System.currentTimeMillis())
                .toAbsolutePath();
        Files.createDirectories(dir.getParent());
        return dir;
    }
}
