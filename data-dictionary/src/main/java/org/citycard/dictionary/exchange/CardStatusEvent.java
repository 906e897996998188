package org.citycard.dictionary.exchange;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** CE: a card's life event (issued, lost, found, replaced, cancelled, blocked) for the departments that subscribe. */
@JacksonXmlRootElement(localName = "card_status_event")
public final class CardStatusEvent extends ExchangeDocument {
    /** A code of table card-event. */
    public String cardEvent;

    public String asn;
    /** The card's state after the event (table card-state). */
    public String cardState;
    /** YYYYMMDDhhmmss, UTC. */
    public String eventTime;

    @Override
    public String type() {
        return "CE";
    }
}
