package org.citycard.clearing.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Embedded Derby writes its own log (derby.log); put it in the data directory instead of the working directory,
 * unless the operator chose a place with {@code -Dderby.stream.error.file}.
 */
public class DerbyLogLocation implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
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
