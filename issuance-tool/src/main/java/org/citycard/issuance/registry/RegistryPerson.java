package org.citycard.issuance.registry;

import java.time.LocalDate;

/**
 * A person of the public-security population registry (人口库), as imported from the fixed-width file whose layout
 * is the dictionary's {@code population_registry}.
 *
 * @param status 1 registered, 2 deregistered
 */
public record RegistryPerson(
        String citizenId,
        String name,
        String sex,
        LocalDate birthDate,
        String ethnicity,
        String region,
        String status) {

    public boolean registered() {
        return "1".equals(status);
    }

    @Override
    public String toString() {
        return "RegistryPerson[" + org.citycard.dictionary.validate.CitizenId.mask(citizenId) + "]";
    }
}
