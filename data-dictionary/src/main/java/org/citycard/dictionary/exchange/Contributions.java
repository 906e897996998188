package org.citycard.dictionary.exchange;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** SC: social-security contributions, one line per citizen, month and insurance type (a later one corrects). */
@JacksonXmlRootElement(localName = "contributions")
public final class Contributions extends ExchangeDocument {
    @JacksonXmlElementWrapper(localName = "contributions")
    @JacksonXmlProperty(localName = "contribution")
    public List<Contribution> contributions = new ArrayList<>();

    public static class Contribution {
        public String citizenId;
        public String contributionMonth;
        public String insuranceType;
        public long contributionBase;
        public long employerAmount;
        public long personalAmount;
        public String payerName;
    }

    public List<Contribution> contributions() {
        return orEmpty(contributions);
    }

    @Override
    public String type() {
        return "SC";
    }
}
