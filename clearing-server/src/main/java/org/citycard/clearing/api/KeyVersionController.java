package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.citycard.clearing.crypto.KeyVersions;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.support.Checks;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Key versions (issue 22): the versions the server holds and their state, retiring one (ADMIN, audited), and the
 * re-key a counter reports for a card (ADMIN or card centre, audited).
 */
@RestController
@Tag(name = "Key versions", description = "key rotation: versions, retirement, re-keyed cards")
class KeyVersionController {
    private final KeyVersions keyVersions;

    KeyVersionController(KeyVersions keyVersions) {
        this.keyVersions = keyVersions;
    }

    @GetMapping("/api/v1/admin/key-versions")
    @Operation(summary = "The key versions the server's key set holds, each ACTIVE or RETIRED (ADMIN)")
    List<KeyVersions.VersionState> list() {
        return keyVersions.list();
    }

    @PostMapping("/api/v1/admin/key-versions/{version}/retire")
    @Operation(
            summary = "Retire a key version for good (ADMIN, audited): loads of cards still on it are declined with"
                    + " response code K1 and their uploaded records quarantined QK until a counter re-keys them")
    KeyVersions.VersionState retire(
            @PathVariable int version, @RequestBody(required = false) Requests.RetireBody body, Principal who) {
        return keyVersions.retire(version, who.getName(), body == null ? null : body.reason());
    }

    @GetMapping("/api/v1/admin/key-versions/audit")
    @Operation(summary = "The audit trail of retirements and re-keys, newest first (ADMIN)")
    List<String> audit(@RequestParam(defaultValue = "100") int limit) {
        Checks.require(limit > 0 && limit <= 1000, "limit", limit, "1..1000");
        return keyVersions.auditTrail(limit);
    }

    @PutMapping("/api/v1/cards/{asn}/key-version")
    @Operation(
            summary = "Record that a counter re-keyed the card to another key version (ADMIN or card centre,"
                    + " audited); the server then verifies the card with that version's keys")
    Card rekeyed(@PathVariable String asn, @RequestBody Requests.KeyVersionBody body, Principal who) {
        Checks.require(body != null && body.keyVersion() != null, "keyVersion", null, "required: 1..255");
        return keyVersions.rekeyed(asn, body.keyVersion(), who.getName());
    }
}
