package org.citycard.clearing.exchange;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.dictionary.exchange.ExchangeAddresses;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The embedded broker: a persistent journal under {@code <data-dir>/artemis}, a TCP acceptor for the departments'
 * clients, and for every {@code exchange.#} address a dead-letter address and no automatic deletion (a department's
 * queue keeps its documents while it is offline). Used only when Spring Boot embeds the broker; with an external
 * broker the same addresses are configured there.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class BrokerConfiguration {
    /** Journal directories of the embedded brokers of this JVM (several test contexts may share a data dir). */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    @Bean
    BrokerAddress brokerAddress(ExchangeProperties properties) {
        int port = properties.port();
        if (port == 0) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(properties.host()))) {
                port = s.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port for the exchange broker on " + properties.host(), e);
            }
        }
        return new BrokerAddress(properties.host(), port);
    }

    @Bean
    ArtemisConfigurationCustomizer exchangeBroker(CityCardProperties city, BrokerAddress address) {
        return configuration -> {
            Path base = city.dataDir().resolve("artemis").toAbsolutePath().normalize();
            Path dir = base;
            for (int n = 2; !IN_USE.add(dir); n++) {
                dir = base.resolveSibling("artemis-" + n);
            }
            configuration.setPersistenceEnabled(true);
            configuration.setJournalDirectory(dir.resolve("journal").toString());
            configuration.setBindingsDirectory(dir.resolve("bindings").toString());
            configuration.setLargeMessagesDirectory(
                    dir.resolve("large-messages").toString());
            configuration.setPagingDirectory(dir.resolve("paging").toString());
            configuration.setNodeManagerLockDirectory(dir.toString());
            try {
                configuration.addAcceptorConfiguration("exchange", address.url());
            } catch (Exception e) {
                throw new IllegalStateException("exchange broker acceptor " + address.url() + ": " + e.getMessage(), e);
            }
            configuration.addAddressSetting(
                    "exchange.#",
                    new AddressSettings()
                            .setDeadLetterAddress(SimpleString.of(ExchangeAddresses.DEAD))
                            .setMaxDeliveryAttempts(5)
                            .setAutoCreateQueues(true)
                            .setAutoCreateAddresses(true)
                            .setAutoDeleteQueues(false)
                            .setAutoDeleteAddresses(false));
        };
    }

    /** Where departments reach the embedded broker. */
    public record BrokerAddress(String host, int port) {
        public String url() {
            return "tcp://" + host + ":" + port;
        }
    }
}
