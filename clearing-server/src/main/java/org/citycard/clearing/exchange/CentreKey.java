package org.citycard.clearing.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.dictionary.exchange.PartyKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The key the clearing centre signs its outbound documents with. Its certificate is written to
 * {@code <data-dir>/exchange/centre.pem} for the departments' clients to verify with.
 */
@Component
public class CentreKey {
    private static final Logger log = LoggerFactory.getLogger(CentreKey.class);

    private final ExchangeProperties properties;
    private final CityCardProperties city;
    private volatile PartyKeys.PartyKey key;

    CentreKey(ExchangeProperties properties, CityCardProperties city) {
        this.properties = properties;
        this.city = city;
    }

    public PartyKeys.PartyKey get() {
        PartyKeys.PartyKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = open();
                }
                k = key;
            }
        }
        return k;
    }

    /**
     * Opens the key once the server is up and keeps it, as a server holding its keys does: the first day close signs
     * its statements at once instead of opening (for the demo, creating) the key store. A store that cannot be opened
     * is logged here and named again by the first document that needs it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void openAtStart() {
        try {
            get();
        } catch (RuntimeException e) {
            log.warn("exchange signing key not opened at start (outbound documents need it): {}", e.getMessage());
        }
    }

    /** The centre certificate's PEM file for the departments. */
    public Path certificateFile() {
        get();
        return city.dataDir().resolve("exchange").resolve("centre.pem");
    }

    private PartyKeys.PartyKey open() {
        PartyKeys.PartyKey k;
        if ("demo".equals(properties.keyStore())) {
            Path store = city.dataDir().resolve("keys").resolve("demo-exchange.bcfks");
            k = PartyKeys.openOrCreateDemo(store, properties.party());
            log.warn(
                    "Exchange documents are signed with the DEMO exchange key in {}: for tests and the demo only;"
                            + " configure citycard.exchange.key-store for production",
                    store);
        } else {
            String password = System.getenv(properties.passwordEnv());
            if (password == null) {
                throw new IllegalStateException("exchange key store " + properties.keyStore()
                        + " needs its password in the environment variable " + properties.passwordEnv()
                        + ", which is not set");
            }
            k = PartyKeys.open(Path.of(properties.keyStore()), password.toCharArray(), properties.party());
        }
        try {
            Path pem = city.dataDir().resolve("exchange").resolve("centre.pem");
            Files.createDirectories(pem.getParent());
            Files.writeString(pem, PartyKeys.toPem(k.certificate()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the centre's exchange certificate: " + e.getMessage(), e);
        }
        return k;
    }
}
