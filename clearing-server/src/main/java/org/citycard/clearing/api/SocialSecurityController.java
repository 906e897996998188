package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.socialsecurity.CardChallenges;
import org.citycard.clearing.socialsecurity.ExchangeFileImporter;
import org.citycard.clearing.socialsecurity.SocialSecurityRepository;
import org.citycard.clearing.socialsecurity.SocialSecurityService;
import org.citycard.clearing.support.Checks;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Social-security records: staff import the department's exchange files; kiosks and counters (terminals,
 * MAC-authenticated) read the card holder's contributions, medical account and card state under
 * /api/v1/terminal/cardholder/, the card present: each query carries a server challenge ({@code POST
 * /api/v1/terminal/challenges}) and the card's INTERNAL AUTHENTICATE of it (CARD-SPEC §4.6, issue 15), and names
 * no citizen (the citizen is the card's holder). Staff read no citizen's records by ID number: at the counter the
 * counter terminal asks, with the citizen's card, like a kiosk.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Social security", description = "exchange-file import and the kiosk's citizen queries")
class SocialSecurityController {
    private final org.citycard.clearing.exchange.DepartmentFileIntake intake;
    private final SocialSecurityRepository repository;
    private final SocialSecurityService service;
    private final CardChallenges challenges;

    SocialSecurityController(
            org.citycard.clearing.exchange.DepartmentFileIntake intake,
            SocialSecurityRepository repository,
            SocialSecurityService service,
            CardChallenges challenges) {
        this.intake = intake;
        this.repository = repository;
        this.service = service;
        this.challenges = challenges;
    }

    @PostMapping(
            path = "/social-security/imports",
            consumes = {MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.TEXT_PLAIN_VALUE})
    @Operation(
            summary = "Import a department exchange file (ADMIN): bad rows reported by line and left out, good rows"
                    + " kept, in one transaction; the same file again changes nothing")
    ExchangeFileImporter.Result importFile(@RequestParam String name, @RequestBody byte[] content, Principal who) {
        // size, line count and the trailer's MAC first: a file nobody authenticated is refused whole (issue 15)
        return intake.importFile(name, content, who == null ? "api" : who.getName());
    }

    @GetMapping("/social-security/imports")
    @Operation(summary = "Exchange files imported, newest first")
    List<SocialSecurityRepository.Imported> imports(@RequestParam(defaultValue = "50") int limit) {
        Checks.require(limit > 0 && limit <= 1000, "limit", limit, "1..1000");
        return repository.imports(limit);
    }

    // ------------------------------------------------------------------ kiosk (terminal MAC, card present)

    @PostMapping("/terminal/challenges")
    @Operation(
            summary = "For kiosks and counters (terminal MAC headers): a challenge (8 random bytes, hex) for the card's"
                    + " INTERNAL AUTHENTICATE (CARD-SPEC §4.6); one use, by this terminal, within 60 s")
    Map<String, Object> challenge(Principal terminal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("challenge", challenges.issue(terminal.getName()));
        body.put("expiresInSeconds", CardChallenges.LIFETIME.toSeconds());
        return body;
    }

    @GetMapping("/terminal/cardholder/social-security")
    @Operation(
            summary = "For kiosks and counters (terminal MAC headers), the card present: contributions, medical account"
                    + " and card state of the card's holder, with ?asn=&challenge=&cryptogram= (the card's INTERNAL"
                    + " AUTHENTICATE of a challenge from POST /api/v1/terminal/challenges). No citizen ID in the URL:"
                    + " the citizen is the holder of that active card; otherwise one 404 for every reason")
    SocialSecurityService.Summary kioskSummary(
            @ParameterObject SocialSecurityService.CardPresence presence, Principal terminal) {
        return service.presentSummary(terminal.getName(), presence);
    }

    @GetMapping("/terminal/cardholder/contributions")
    @Operation(
            summary = "For kiosks and counters, the card present (as the summary): contribution history, newest"
                    + " month first")
    List<SocialSecurityService.ContributionView> kioskContributions(
            @ParameterObject SocialSecurityService.CardPresence presence, Principal terminal) {
        return service.presentSummary(terminal.getName(), presence).contributions();
    }

    @GetMapping("/terminal/cardholder/medical-account")
    @Operation(
            summary = "For kiosks and counters, the card present (as the summary): medical account balance and"
                    + " movements")
    SocialSecurityService.MedicalAccount kioskMedical(
            @ParameterObject SocialSecurityService.CardPresence presence, Principal terminal) {
        return service.presentSummary(terminal.getName(), presence).medicalAccount();
    }

    @GetMapping("/terminal/cardholder/card")
    @Operation(summary = "For kiosks and counters, the card present (as the summary): the state of the presented card")
    SocialSecurityService.CardView kioskCard(
            @ParameterObject SocialSecurityService.CardPresence presence, Principal terminal) {
        return service.presentSummary(terminal.getName(), presence).card();
    }
}
