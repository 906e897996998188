package org.citycard.clearing.crypto;

import java.nio.file.Path;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.crypto.KeySetChoice;
import org.citycard.dictionary.crypto.KeyStoreKeySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the key set named by {@code citycard.keys.source}; the key store password comes from the environment. */
@Configuration(proxyBeanMethods = false)
class KeyConfiguration {
    private static final Logger log = LoggerFactory.getLogger(KeyConfiguration.class);

    @Bean
    HostKeys hostKeys(CityCardProperties properties) {
        CityCardProperties.Keys keys = properties.keys();
        KeySet set;
        if (keys.source() == null || keys.source().isBlank()) {
            throw new IllegalStateException(KeySetChoice.MISSING);
        }
        if ("demo".equals(keys.source())) {
            set = KeySet.demo();
            log.warn("Using the dictionary's DEMO key set: for tests and the demo only, never for real cards");
        } else {
            String password = System.getenv(keys.passwordEnv());
            if (password == null) {
                throw new IllegalStateException("key store " + keys.source() + " needs its password in the environment"
                        + " variable " + keys.passwordEnv() + ", which is not set");
            }
            set = KeyStoreKeySet.open(Path.of(keys.source()), password.toCharArray());
            log.info("Keys from key store {}", set.name());
        }
        HostKeys hostKeys = new HostKeys(set);
        if (!hostKeys.supports(org.citycard.dictionary.crypto.Algorithm.SM4)) {
            log.info(
                    "Key set {} holds no SM4 MLK and MTK (aliases mlk-sm4, mtk-sm4): SM4 cards (algorithm 04) are"
                            + " refused until it does",
                    set.name());
        }
        return hostKeys;
    }
}
