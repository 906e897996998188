package org.citycard.agent.iso;

import java.time.Duration;

/**
 * Where the clearing server's ISO 8583 endpoint is and how long to wait for it.
 *
 * @param readTimeout how long to wait for an answer before the exchange counts as lost
 */
public record IsoConfig(String host, int port, Duration connectTimeout, Duration readTimeout) {
    public IsoConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("ISO 8583 host: give a host name, for example --server localhost");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "ISO 8583 port " + port + ": give 1..65535, for example --iso-port 8583");
        }
    }

    public static IsoConfig of(String host, int port) {
        return new IsoConfig(host, port, Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    public IsoConfig withReadTimeout(Duration d) {
        return new IsoConfig(host, port, connectTimeout, d);
    }
}
