package org.citycard.dictionary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A code table from a national standard or from CityCard itself.
 *
 * @param completePrefixes for the region table: the prefixes under which every code is listed
 */
public record CodeTable(
        String id,
        String zh,
        String en,
        String standard,
        int codeLength,
        List<String> completePrefixes,
        List<Code> codes) {

    public CodeTable {
        completePrefixes = completePrefixes == null ? List.of() : List.copyOf(completePrefixes);
        codes = codes == null ? List.of() : List.copyOf(codes);
    }

    public Optional<Code> find(String code) {
        return codes.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public boolean contains(String code) {
        return find(code).isPresent();
    }

    /** The code whose attribute {@code name} has this value (state tables). */
    public Optional<Code> byName(String name) {
        return codes.stream().filter(c -> name.equals(c.attr("name"))).findFirst();
    }

    public Map<String, Code> asMap() {
        Map<String, Code> map = new LinkedHashMap<>();
        codes.forEach(c -> map.put(c.code(), c));
        return map;
    }
}
