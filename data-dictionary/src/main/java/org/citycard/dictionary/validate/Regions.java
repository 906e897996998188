package org.citycard.dictionary.validate;

import org.citycard.dictionary.CodeTable;

/**
 * GB/T 2260 region checks. The dictionary lists every province and, completely, the districts of some cities
 * (completePrefixes); a code is known when it is listed, or when its province is listed and its city is not one
 * of those listed completely.
 */
public final class Regions {
    private Regions() {}

    public static void check(String field, String value, String region, CodeTable regions) {
        if (regions.contains(region)) {
            return;
        }
        if (!region.matches("\\d{6}")) {
            throw new ValidationException(field, value, "GB/T 2260 region: six digits");
        }
        if (!regions.contains(region.substring(0, 2) + "0000")) {
            throw new ValidationException(
                    field, value, "GB/T 2260 region: province " + region.substring(0, 2) + " does not exist");
        }
        if (regions.completePrefixes().contains(region.substring(0, 4))) {
            throw new ValidationException(
                    field,
                    value,
                    "GB/T 2260 region: " + region + " is not a district of " + region.substring(0, 4) + "00");
        }
    }

    /** True when the region code is known (see the class comment). */
    public static boolean isKnown(String region, CodeTable regions) {
        try {
            check("region", region, region, regions);
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }
}
