package org.citycard.clearing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application of the clearing server; started by {@link org.citycard.clearing.cli.ServerCli}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ClearingServerApplication {
    public static void main(String[] args) {
        SpringApplication.run(ClearingServerApplication.class, args);
    }
}
