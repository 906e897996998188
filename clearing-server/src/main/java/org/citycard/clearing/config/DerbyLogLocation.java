package org.citycard.clearing.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Embedded Derby settings that must be system properties before Derby boots: its own log (derby.log) goes to the
 * data directory instead of the working directory (unless {@code -Dderby.stream.error.file} says otherwise), and
 * its page cache gets {@code citycard.derby.page-cache-pages} pages of 4 KB (default 20,000, about 80 MB), and its
 * log buffer {@code citycard.derby.log-buffer-bytes} (default 1 MiB instead of Derby's 32 KB: Derby opens its log for
 * synchronous writes, so a batch's log is written in one synchronous write at the commit rather than in one per 32
 * KB). Durability is left at Derby's default: every commit is on disk before the commit returns.
 */
public class DerbyLogLocation implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (System.getProperty("derby.storage.pageCacheSize") == null) {
            // Derby's default cache is 1,000 pages (4 MB): far too small for the ledger's indexes
            System.setProperty(
                    "derby.storage.pageCacheSize", env.getProperty("citycard.derby.page-cache-pages", "20000"));
        }
        if (System.getProperty("derby.storage.logBufferSize") == null) {
            System.setProperty(
                    "derby.storage.logBufferSize", env.getProperty("citycard.derby.log-buffer-bytes", "1048576"));
        }
        if (System.getProperty("derby.stream.error.file") != null) {
            return;
        }
        Path dir = Path.of(env.getProperty("citycard.data-dir", "./data"));
        try {
            Files.createDirectories(dir);
            System.setProperty(
                    "derby.stream.error.file", dir.resolve("derby.log").toString());
        } catch (java.io.IOException e) {
            // Derby falls back to its working directory
        }
    }
}
