package org.citycard.agent.iso;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Where the clearing server's ISO 8583 endpoint is, how long to wait for it, and whether to speak TLS to it.
 *
 * @param readTimeout how long to wait for an answer before the exchange counts as lost
 * @param tls a client context trusting the server's certificate (its CA), or null for plain TCP
 */
public record IsoConfig(String host, int port, Duration connectTimeout, Duration readTimeout, SSLContext tls) {
    public IsoConfig(String host, int port, Duration connectTimeout, Duration readTimeout) {
        this(host, port, connectTimeout, readTimeout, null);
    }

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

    /** The same endpoint over TLS, trusting what {@code ctx} trusts. */
    public IsoConfig withTls(SSLContext ctx) {
        return new IsoConfig(host, port, connectTimeout, readTimeout, ctx);
    }

    public IsoConfig withReadTimeout(Duration d) {
        return new IsoConfig(host, port, connectTimeout, d, tls);
    }
}
