package org.citycard.clearing.exchange;

import jakarta.jms.BytesMessage;
import java.util.Base64;
import org.citycard.dictionary.exchange.ExchangeAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/** Puts a refused document on the dead-letter address, unchanged, with the reason. */
@Component
class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private final JmsTemplate jms;

    DeadLetters(JmsTemplate jms) {
        this.jms = jms;
    }

    void send(byte[] xml, byte[] signature, String id, String type, String sender, String reason) {
        try {
            jms.send(ExchangeAddresses.DEAD, session -> {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(xml);
                m.setStringProperty(ExchangeAddresses.REASON, reason);
                if (id != null) {
                    m.setStringProperty(ExchangeAddresses.DOCUMENT_ID, id);
                }
                if (type != null) {
                    m.setStringProperty(ExchangeAddresses.DOCUMENT_TYPE, type);
                }
                if (sender != null) {
                    m.setStringProperty(ExchangeAddresses.SENDER, sender);
                }
                if (signature != null) {
                    m.setStringProperty(
                            ExchangeAddresses.SIGNATURE, Base64.getEncoder().encodeToString(signature));
                }
                return m;
            });
        } catch (JmsException e) {
            // the refusal is recorded in the database and the bytes in refused/: the broker copy is a convenience
            log.warn("exchange: refused document {} not put on {}: {}", id, ExchangeAddresses.DEAD, e.getMessage());
        }
    }
}
