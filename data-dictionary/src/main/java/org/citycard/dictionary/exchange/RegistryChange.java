package org.citycard.dictionary.exchange;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** RC: changes from the population registry (new person, changed details, deceased). */
@JacksonXmlRootElement(localName = "registry_change")
public final class RegistryChange extends ExchangeDocument {
    @JacksonXmlElementWrapper(localName = "persons")
    @JacksonXmlProperty(localName = "person")
    public List<Person> persons = new ArrayList<>();

    /** One person's change; kind is a code of table registry-change (N, C, D). */
    public static class Person {
        public String registryChange;
        public String citizenId;
        public String name;
        public String sex;
        public String birthDate;
        public String address;
        public String deathDate;
    }

    public List<Person> persons() {
        return orEmpty(persons);
    }

    @Override
    public String type() {
        return "RC";
    }
}
