package org.citycard.clearing.exchange;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.Base64;
import org.citycard.dictionary.exchange.ExchangeAddresses;
import org.citycard.dictionary.xml.ExchangeLayouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.annotation.JmsListenerConfigurer;
import org.springframework.jms.config.JmsListenerContainerFactory;
import org.springframework.jms.config.JmsListenerEndpointRegistrar;
import org.springframework.jms.config.SimpleJmsListenerEndpoint;

/**
 * One listener per inbound document type on its address ({@code exchange.in.<document>}), in a transacted session:
 * a document is acknowledged once it is applied or refused; a failure of the server itself (the database away)
 * leaves it on the queue to be delivered again.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "citycard.exchange.listen", havingValue = "true", matchIfMissing = true)
class InboundListeners implements JmsListenerConfigurer {
    private static final Logger log = LoggerFactory.getLogger(InboundListeners.class);

    private final InboundProcessor processor;
    private final JmsListenerContainerFactory<?> factory;
    private final ExchangeProperties properties;

    InboundListeners(
            InboundProcessor processor,
            JmsListenerContainerFactory<?> jmsListenerContainerFactory,
            ExchangeProperties properties) {
        this.processor = processor;
        this.factory = jmsListenerContainerFactory;
        this.properties = properties;
    }

    @Override
    public void configureJmsListeners(JmsListenerEndpointRegistrar registrar) {
        for (ExchangeLayouts.Layout l : ExchangeLayouts.standard().layouts()) {
            if (!l.inbound()) {
                continue;
            }
            SimpleJmsListenerEndpoint endpoint = new SimpleJmsListenerEndpoint();
            endpoint.setId("exchange-in-" + l.root());
            endpoint.setDestination(ExchangeAddresses.inbound(l.type()));
            endpoint.setMessageListener(this::onMessage);
            registrar.registerEndpoint(endpoint, factory);
        }
    }

    void onMessage(Message message) {
        try {
            if (!(message instanceof BytesMessage b)) {
                log.warn(
                        "exchange: a {} on an inbound address is not a document (bytes) and is dropped",
                        message.getClass().getSimpleName());
                return;
            }
            if (b.getBodyLength() > properties.maxFileBytes()) {
                processor.refuseUnread(b.getBodyLength()); // not read into memory at all (issue 15)
                return;
            }
            byte[] xml = new byte[(int) b.getBodyLength()];
            b.readBytes(xml);
            String sig = b.getStringProperty(ExchangeAddresses.SIGNATURE);
            byte[] signature;
            try {
                signature = sig == null ? null : Base64.getDecoder().decode(sig);
            } catch (IllegalArgumentException e) {
                signature = new byte[0];
            }
            processor.receive(xml, signature);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read an inbound document: " + e.getMessage(), e);
        }
    }
}
