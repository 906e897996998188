package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.citycard.clearing.reference.TerminalOfflineLimits;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A terminal's offline limits: staff read, administrators change (issue 22). */
@RestController
@RequestMapping("/api/v1/terminals/{terminalId}/offline-limits")
@Tag(name = "Reference data", description = "departments, terminals, cards")
class TerminalOfflineLimitsController {
    private final TerminalOfflineLimits limits;

    TerminalOfflineLimitsController(TerminalOfflineLimits limits) {
        this.limits = limits;
    }

    /** The body of a change: fen, null for the dictionary's default. */
    record LimitsBody(Long purchaseLimit, Long dailyLimit) {}

    @GetMapping
    @Operation(summary = "The terminal's offline limits: its settings (null: the default) and what it is served")
    TerminalOfflineLimits.Limits get(@PathVariable String terminalId) {
        return limits.of(terminalId);
    }

    @PutMapping
    @Operation(
            summary = "Set the terminal's per-purchase and per-day offline limits, fen (ADMIN); null takes the"
                    + " dictionary's default again. The terminal is served them in its parameters once it fetches"
                    + " them again (the parameter version moves on).")
    TerminalOfflineLimits.Limits set(Principal admin, @PathVariable String terminalId, @RequestBody LimitsBody body) {
        return limits.set(terminalId, body.purchaseLimit(), body.dailyLimit(), admin.getName());
    }
}
