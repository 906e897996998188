package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.reference.HotlistService;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.Dictionary;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The terminal parameters an agent downloads when the parameter version of 0810 field 62 is newer than its own:
 * the departments a bill can be paid to (the kiosk's list), the terminal's own department, the offline limits
 * (per purchase, per card and day — the terminal's own setting, else the dictionary's card parameters — and the
 * counter value that warns) and the fare rules of each card type (concession cards). Authenticated like
 * the terminal hotlist, by the terminal's ID and a MAC under its TAK.
 */
@RestController
@Tag(name = "Terminal parameters", description = "what a kiosk or counter needs from the clearing centre")
class TerminalParametersController {
    private static final Dictionary DICT = Dictionary.standard();
    private static final CodeTable CATEGORIES = DICT.codeTable("department-category");

    private final ReferenceService reference;
    private final HotlistService versions;
    private final org.citycard.clearing.reference.TerminalOfflineLimits offlineLimits;

    TerminalParametersController(
            ReferenceService reference,
            HotlistService versions,
            org.citycard.clearing.reference.TerminalOfflineLimits offlineLimits,
            org.citycard.clearing.crypto.KeyVersions keyVersions) {
        this.reference = reference;
        this.versions = versions;
        this.offlineLimits = offlineLimits;
        this.keyVersions = keyVersions;
    }

    private final org.citycard.clearing.crypto.KeyVersions keyVersions;

    /** One department as the kiosk lists it: its code, category, Chinese name and the category's English name. */
    record DepartmentParameter(String code, String category, String zh, String en) {}

    /** The parameters at their version; {@code values} is what the agent stores, key by key. */
    record Parameters(long version, Map<String, Object> values) {}

    @GetMapping("/api/v1/terminal/parameters")
    @Operation(
            summary = "The terminal's parameters: {version, values{departments[{code, category, zh, en}],"
                    + " terminalDepartment, offlinePurchaseLimit, offlineDailyLimit (fen), offlineCounterWarning,"
                    + " fareRules[{cardType, discountPermille, freeRidesPerDay, hours, review, categories}],"
                    + " retiredKeyVersions[]}}",
            description = "Authenticated by headers X-CityCard-Terminal, X-CityCard-Time (Unix seconds) and"
                    + " X-CityCard-Mac: hex of the 8-byte retail MAC under the terminal's TAK over"
                    + " 'GET\\n/api/v1/terminal/parameters\\n<time>\\n<terminal ID>'. The version is the one"
                    + " sign-on and echo announce in 0810 field 62 (last 8 digits).")
    Parameters parameters(Principal terminal) {
        long version = versions.parameterVersion();
        List<DepartmentParameter> departments = reference.departments().stream()
                .map(TerminalParametersController::parameter)
                .toList();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("departments", departments);
        values.put("terminalDepartment", reference.terminal(terminal.getName()).departmentCode());
        // the offline rules the agent applies before it debits a card: this terminal's limits (an administrator's
        // setting, else the dictionary's card parameters)
        var limits = offlineLimits.of(terminal.getName());
        values.put("offlinePurchaseLimit", limits.effectivePurchaseLimit());
        values.put("offlineDailyLimit", limits.effectiveDailyLimit());
        values.put(
                "offlineCounterWarning",
                DICT.parameter("offline_counter_warning").asInt());
        values.put("fareRules", fareRules());
        // cards still on a retired key version are refused offline too: their records would be quarantined (QK)
        values.put("retiredKeyVersions", keyVersions.retired());
        return new Parameters(version, values);
    }

    /**
     * The fare rules of every card type (the dictionary's card-type table): discount per mille, free rides a day,
     * the hours, whether the yearly review is needed, the department categories it applies to.
     */
    static List<Map<String, Object>> fareRules() {
        return DICT.codeTable("card-type").codes().stream()
                .map(c -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("cardType", c.code());
                    r.put("discountPermille", Integer.parseInt(attr(c, "discountPermille", "0")));
                    r.put("freeRidesPerDay", Integer.parseInt(attr(c, "freeRidesPerDay", "0")));
                    r.put("hours", attr(c, "hours", "0000-2400"));
                    r.put("review", Boolean.parseBoolean(attr(c, "review", "false")));
                    r.put("categories", attr(c, "categories", "01"));
                    return r;
                })
                .toList();
    }

    private static String attr(Code c, String name, String dflt) {
        String v = c.attr(name);
        return v == null ? dflt : v;
    }

    private static DepartmentParameter parameter(Department d) {
        String en = CATEGORIES.find(d.category()).map(Code::en).orElse("");
        return new DepartmentParameter(d.code(), d.category(), d.name(), en);
    }
}
