package org.citycard.clearing.exchange;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the exchange ({@code citycard.exchange.*}); the broker itself is Spring Boot's
 * ({@code spring.artemis.*}: embedded by default, {@code mode: native} and {@code broker-url} for an external one).
 *
 * @param party the clearing centre's party code, the sender of outbound and the receiver of inbound documents
 * @param host where the embedded broker accepts departments (TCP)
 * @param port its port; 0: a free one (tests)
 * @param keyStore "demo" (an Ed25519 key generated into {@code <data-dir>/keys} on first use, marked DEMO) or the
 *     path of a BCFKS store with a private-key entry {@code exchange}, its password in {@code passwordEnv}
 * @param resendSeconds how often documents the broker has not taken yet are sent again
 * @param maxFileBytes the largest exchange file or document (bytes) taken in; a larger one is refused before it is
 *     parsed (16 MiB by default)
 * @param maxEntries the most entries (an exchange file's lines, a document's persons, contributions or movements)
 *     taken in at once; more are refused before they are parsed
 */
@ConfigurationProperties("citycard.exchange")
public record ExchangeProperties(
        @DefaultValue("CENTRE") String party,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("61616") int port,
        @DefaultValue("demo") String keyStore,
        @DefaultValue("CITYCARD_EXCHANGE_PASSWORD") String passwordEnv,
        @DefaultValue("2") int resendSeconds,
        @DefaultValue("16777216") long maxFileBytes,
        @DefaultValue("100000") int maxEntries) {}
