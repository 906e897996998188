package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.citycard.clearing.socialsecurity.ExchangeFileImporter;
import org.citycard.clearing.socialsecurity.SocialSecurityRepository;
import org.citycard.clearing.socialsecurity.SocialSecurityService;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Social-security records: staff import the department's exchange files; kiosks (terminals, MAC-authenticated)
 * read a citizen's contributions, medical account and card state under /api/v1/terminal/citizens/{ssn}.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Social security", description = "exchange-file import and the kiosk's citizen queries")
class SocialSecurityController {
    private final ExchangeFileImporter importer;
    private final SocialSecurityRepository repository;
    private final SocialSecurityService service;

    SocialSecurityController(
            ExchangeFileImporter importer, SocialSecurityRepository repository, SocialSecurityService service) {
        this.importer = importer;
        this.repository = repository;
        this.service = service;
    }

    @PostMapping(
            path = "/social-security/imports",
            consumes = {MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.TEXT_PLAIN_VALUE})
    @Operation(
            summary = "Import a department exchange file (ADMIN): bad rows reported by line and left out, good rows"
                    + " kept, in one transaction; the same file again changes nothing")
    ExchangeFileImporter.Result importFile(@RequestParam String name, @RequestBody byte[] content, Principal who) {
        return importer.importFile(name, content, who == null ? "api" : who.getName());
    }

    @GetMapping("/social-security/imports")
    @Operation(summary = "Exchange files imported, newest first")
    List<SocialSecurityRepository.Imported> imports(@RequestParam(defaultValue = "50") int limit) {
        Checks.require(limit > 0 && limit <= 1000, "limit", limit, "1..1000");
        return repository.imports(limit);
    }

    @GetMapping("/citizens/{citizenId}/social-security")
    @Operation(summary = "A citizen's social-security summary (staff)")
    SocialSecurityService.Summary citizen(@PathVariable String citizenId) {
        return service.summary(citizenId, null);
    }

    // ------------------------------------------------------------------ kiosk (terminal MAC)

    @GetMapping("/terminal/citizens/{ssn}/social-security")
    @Operation(
            summary = "For the kiosk (terminal MAC headers): contributions, medical account and card state of the"
                    + " citizen whose card was read after PIN verification; with ?asn= the card must be the"
                    + " citizen's (else 403)")
    SocialSecurityService.Summary kioskSummary(@PathVariable String ssn, @RequestParam(required = false) String asn) {
        return service.summary(ssn, asn);
    }

    @GetMapping("/terminal/citizens/{ssn}/contributions")
    @Operation(summary = "For the kiosk: contribution history, newest month first")
    List<SocialSecurityService.ContributionView> kioskContributions(
            @PathVariable String ssn, @RequestParam(required = false) String asn) {
        service.summary(ssn, asn);
        return service.contributions(ssn);
    }

    @GetMapping("/terminal/citizens/{ssn}/medical-account")
    @Operation(summary = "For the kiosk: medical account balance and movements, newest first")
    SocialSecurityService.MedicalAccount kioskMedical(
            @PathVariable String ssn, @RequestParam(required = false) String asn) {
        service.summary(ssn, asn);
        return service.medicalAccount(ssn);
    }

    @GetMapping("/terminal/citizens/{ssn}/card")
    @Operation(summary = "For the kiosk: the state of the citizen's card (the presented one with ?asn=)")
    SocialSecurityService.CardView kioskCard(@PathVariable String ssn, @RequestParam(required = false) String asn) {
        SocialSecurityService.Summary s = service.summary(ssn, asn);
        if (s.card() == null) {
            throw new NotFoundException("no card of this citizen is registered at the clearing centre");
        }
        return s.card();
    }
}
