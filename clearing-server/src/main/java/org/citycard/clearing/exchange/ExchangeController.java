package org.citycard.clearing.exchange;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The exchange for operators (ADMIN, under /api/v1/admin): status, send a document, replay one, the parties and
 * the centre's certificate; and the statistics behind the exchange page (/api/exchange/stats, staff).
 */
@RestController
class ExchangeController {
    private final ExchangeService service;
    private final FileKeys fileKeys;

    ExchangeController(ExchangeService service, FileKeys fileKeys) {
        this.service = service;
        this.fileKeys = fileKeys;
    }

    @GetMapping("/api/v1/admin/exchange/status")
    Map<String, Object> status() {
        return service.status();
    }

    /** Takes in a document (its XML as the body, its detached CMS signature in base64 in X-Signature). */
    @PostMapping(
            value = "/api/v1/admin/exchange/documents",
            consumes = {"application/xml", "text/xml", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<Outcome> send(
            @RequestBody byte[] xml, @RequestHeader(name = "X-Signature", required = false) String signature) {
        byte[] sig;
        try {
            sig = signature == null ? null : Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            sig = new byte[0];
        }
        Outcome o = service.send(xml, sig);
        return ResponseEntity.status(o.isApplied() ? 200 : 422).body(o);
    }

    @PostMapping("/api/v1/admin/exchange/replay/{id}")
    Map<String, Object> replay(@PathVariable String id) {
        return service.replay(id);
    }

    @PutMapping("/api/v1/admin/exchange/parties/{code}")
    ExchangeRepository.Party putParty(@PathVariable String code, @RequestBody ExchangeService.PartyRequest r) {
        return service.putParty(code, r);
    }

    @GetMapping("/api/v1/admin/exchange/parties")
    List<ExchangeRepository.Party> parties() {
        return service.parties();
    }

    @GetMapping(value = "/api/v1/admin/exchange/certificate", produces = "application/x-pem-file")
    String certificate() {
        return service.centreCertificate();
    }

    /**
     * Makes a new exchange-file key for a department (issue 15): the answer holds the key (hex) once, for the
     * operator to hand to the department; the server keeps it only under its LMK. The department's exchange files
     * carry the HMAC-SHA256 under it in their trailer; an older key stops verifying.
     */
    @PostMapping("/api/v1/admin/exchange/file-keys/{party}")
    FileKeys.Issued issueFileKey(@PathVariable String party) {
        return fileKeys.issue(party);
    }

    /** The departments' exchange-file keys on record: party, check value, when issued; never a key. */
    @GetMapping("/api/v1/admin/exchange/file-keys")
    List<FileKeys.OnRecord> fileKeys() {
        return fileKeys.keys();
    }

    @GetMapping("/api/exchange/stats")
    Map<String, Object> stats(@RequestParam(defaultValue = "7") int days) {
        return Map.of("days", service.stats(days), "waiting", service.waiting());
    }
}
