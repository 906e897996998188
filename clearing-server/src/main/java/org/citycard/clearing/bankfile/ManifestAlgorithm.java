package org.citycard.clearing.bankfile;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.citycard.clearing.support.Checks;

/**
 * A signature a bank file manifest may carry, each a signer of the one detached CMS signature file
 * ({@code manifest-<MsgId>.txt.p7s}): Ed25519 with the key under alias {@code cfsk} (dictionary key CFSK), or SM2
 * (SM3withSM2, GB/T 35276) with the key under alias {@code cfsk-sm2} (dictionary key CFSK_SM2). Which ones, is chosen
 * per bank ({@code bank.manifest_signatures}).
 */
public enum ManifestAlgorithm {
    ED25519("cfsk", "Ed25519"),
    SM2("cfsk-sm2", "SM3withSM2");

    /** What a bank gets unless configured otherwise. */
    public static final String DEFAULT = "ED25519";

    private final String alias;
    private final String jcaName;

    ManifestAlgorithm(String alias, String jcaName) {
        this.alias = alias;
        this.jcaName = jcaName;
    }

    /** The key store alias of the server's private key and certificate for this algorithm. */
    public String alias() {
        return alias;
    }

    /** The JCA signature algorithm name (Bouncy Castle). */
    public String jcaName() {
        return jcaName;
    }

    /**
     * Reads a bank's setting: ED25519, SM2 or both, comma separated, any case and order; returned in the canonical
     * order (ED25519 before SM2).
     *
     * @throws org.citycard.dictionary.validate.ValidationException naming the field, the value and the rule
     */
    public static List<ManifestAlgorithm> parse(String field, String value) {
        String rule = "manifest_signatures: ED25519, SM2 or ED25519,SM2 (each at most once)";
        Checks.require(value != null && !value.isBlank(), field, value, rule);
        Set<ManifestAlgorithm> set = EnumSet.noneOf(ManifestAlgorithm.class);
        int n = 0;
        for (String part : value.split(",", -1)) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            ManifestAlgorithm a = null;
            for (ManifestAlgorithm m : values()) {
                if (m.name().equals(name)) {
                    a = m;
                }
            }
            Checks.require(a != null, field, value, rule);
            set.add(a);
            n++;
        }
        Checks.require(set.size() == n, field, value, rule);
        return new ArrayList<>(set);
    }

    /** The canonical text of a setting: "ED25519", "SM2" or "ED25519,SM2". */
    public static String format(List<ManifestAlgorithm> algorithms) {
        return EnumSet.copyOf(algorithms).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    /** A setting as stored, in canonical form. */
    public static String normalise(String field, String value) {
        return format(parse(field, value));
    }
}
