package org.citycard.issuance.staff;

import static org.citycard.issuance.staff.Role.ENROLMENT_CLERK;
import static org.citycard.issuance.staff.Role.KEY_CUSTODIAN;
import static org.citycard.issuance.staff.Role.PRODUCTION_OPERATOR;
import static org.citycard.issuance.staff.Role.REVIEWER;
import static org.citycard.issuance.staff.Role.SUPERVISOR;

import java.util.EnumSet;
import java.util.Set;

/** What a staff action needs: each permission names the roles that grant it. */
public enum Permission {
    MANAGE_STAFF("manage staff accounts", SUPERVISOR),
    READ_AUDIT("read the audit log", SUPERVISOR),
    MANAGE_DATABASE("change the issuance database's boot password", SUPERVISOR),
    ENROL("enrol citizens", ENROLMENT_CLERK, SUPERVISOR),
    IMPORT_REGISTRY("import the population registry", REVIEWER, SUPERVISOR),
    COMPARE("compare applications with the registry", ENROLMENT_CLERK, REVIEWER, SUPERVISOR),
    REVIEW("approve or reject flagged applications", REVIEWER),
    LIST_REVIEWS("see the applications waiting for a review", REVIEWER, SUPERVISOR),
    PRODUCE("personalise cards and PSAMs", PRODUCTION_OPERATOR),
    HOLD_KEY_COMPONENT("hold a key component", KEY_CUSTODIAN),
    OPEN_KEY_SET(
            "open a key set (production, and the counter's PIN changes)",
            PRODUCTION_OPERATOR,
            ENROLMENT_CLERK,
            SUPERVISOR),
    RUN_KEY_CEREMONY("witness a key ceremony and create key stores", SUPERVISOR),
    COUNTER(
            "serve citizens at the counter (distribution, activation, loss, replacement, cancellation, PIN reset)",
            ENROLMENT_CLERK,
            SUPERVISOR),
    VIEW_STATUS("look up a card or a citizen", ENROLMENT_CLERK, REVIEWER, PRODUCTION_OPERATOR, SUPERVISOR);

    private final String description;
    private final Set<Role> roles;

    Permission(String description, Role first, Role... more) {
        this.description = description;
        this.roles = EnumSet.of(first, more);
    }

    public String description() {
        return description;
    }

    public Set<Role> roles() {
        return roles;
    }
}
