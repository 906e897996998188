package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.support.Checks;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.TerminalKey;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A terminal's master key (DESIGN §3.8), for ADMIN: makes a new random TMK for a registered terminal, keeps it under
 * the server's LMK and answers the terminal's key store (BCFKS, the TMK alone, protected by the password given),
 * which the agent takes with {@code --key-set FILE}. The answer's header {@code X-CityCard-Key-Check-Value} is the
 * TMK's check value, for the hand-over record; the key itself is in no log and no other answer.
 */
@RestController
@RequestMapping("/api/v1/terminals")
@Tag(name = "Reference data", description = "departments, terminals, cards")
class TerminalKeyController {
    static final String CHECK_VALUE = "X-CityCard-Key-Check-Value";

    private final ReferenceService reference;
    private final TerminalKeyService keys;

    TerminalKeyController(ReferenceService reference, TerminalKeyService keys) {
        this.reference = reference;
        this.keys = keys;
    }

    /**
     * The password that will protect the terminal's key store (8 characters or more), and the TMK's algorithm:
     * {@code 3des} (00, the default) or {@code sm4} (04; the terminal's SOK, TAK and MACs are then SM4).
     */
    record KeyStoreBody(String password, String alg) {}

    @PostMapping(value = "/{terminalId}/keys", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(summary = "Make a new terminal master key and answer its key store (ADMIN)")
    ResponseEntity<byte[]> makeKeys(@PathVariable String terminalId, @RequestBody KeyStoreBody body) {
        Checks.require(body != null && body.password() != null, "password", null, "a key store password is required");
        char[] password = body.password().toCharArray();
        Checks.require(
                password.length >= 8, "password", "(" + password.length + " characters)", "8 characters or more");
        String alg = body.alg() == null ? "3des" : body.alg();
        Checks.require(alg.matches("(?i)3des|tdes|sm4|00|04"), "alg", alg, "3des (algorithm 00) or sm4 (algorithm 04)");
        Algorithm algorithm = Algorithm.parse("alg", alg);
        reference.terminal(terminalId); // 404 for an unregistered terminal
        TerminalKey key = keys.makeTerminalKey(terminalId, algorithm);
        try {
            Path dir = Files.createTempDirectory("citycard-tmk");
            Path file = dir.resolve(terminalId + ".bcfks");
            try {
                key.writeStore(file, password);
                byte[] store = Files.readAllBytes(file);
                return ResponseEntity.ok()
                        .header(CHECK_VALUE, key.checkValue())
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"terminal-" + terminalId + ".bcfks\"")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .body(store);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
                Arrays.fill(password, '\0');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key store of terminal " + terminalId, e);
        }
    }
}
