package org.citycard.dictionary.exchange;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** MM: movements of citizens' medical personal accounts, each with its ID and the balance after it. */
@JacksonXmlRootElement(localName = "medical_movements")
public final class MedicalMovements extends ExchangeDocument {
    @JacksonXmlElementWrapper(localName = "movements")
    @JacksonXmlProperty(localName = "movement")
    public List<Movement> movements = new ArrayList<>();

    public static class Movement {
        /** The department's ID of the movement, unique per department: a re-sent movement is booked once. */
        public String movementId;

        public String citizenId;
        public String movementDate;
        /** I in, O out (table movement-direction). */
        public String movementDirection;

        public long amount;
        public long medicalBalance;
        public String movementDescription;
    }

    public List<Movement> movements() {
        return orEmpty(movements);
    }

    @Override
    public String type() {
        return "MM";
    }
}
