package org.citycard.issuance.staff;

import java.util.Arrays;
import java.util.Locale;

/** The roles of the card centre's staff. A person may hold several; the supervisor manages the others. */
public enum Role {
    ENROLMENT_CLERK("clerk", "采集员", "Enrolment clerk"),
    REVIEWER("reviewer", "审核员", "Reviewer"),
    PRODUCTION_OPERATOR("operator", "制卡操作员", "Production operator"),
    KEY_CUSTODIAN("custodian", "密钥保管员", "Key custodian"),
    SUPERVISOR("supervisor", "主管", "Supervisor");

    private final String shortName;
    private final String zh;
    private final String en;

    Role(String shortName, String zh, String en) {
        this.shortName = shortName;
        this.zh = zh;
        this.en = en;
    }

    public String shortName() {
        return shortName;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** Parses a short name (clerk, reviewer, operator, custodian, supervisor) or the constant name. */
    public static Role parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(r -> r.shortName.equals(t)
                        || r.name().toLowerCase(Locale.ROOT).equals(t))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role '" + text + "' is not one of "
                        + Arrays.stream(values()).map(Role::shortName).toList()));
    }
}
