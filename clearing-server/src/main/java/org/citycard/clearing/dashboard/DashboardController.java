package org.citycard.clearing.dashboard;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.bankfile.BankFile;
import org.citycard.clearing.bankfile.BankFileRepository;
import org.citycard.clearing.bankfile.BankFileWriter;
import org.citycard.clearing.settlement.CloseProgress;
import org.citycard.clearing.settlement.ClosedDay;
import org.citycard.clearing.settlement.DayCloseResult;
import org.citycard.clearing.settlement.DayCloseService;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.NotFoundException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.view.RedirectView;

/** The JSON and downloads behind the dashboard page (session login, see {@link DashboardSecurity}). */
@RestController
class DashboardController {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DashboardController.class);
    private final DashboardQueries queries;
    private final DayCloseService dayClose;
    private final BankFileRepository bankFiles;
    private final BankFileWriter writer;
    private final org.citycard.clearing.security.PasswordChanges passwordChanges;

    DashboardController(
            DashboardQueries queries,
            DayCloseService dayClose,
            BankFileRepository bankFiles,
            BankFileWriter writer,
            org.citycard.clearing.security.PasswordChanges passwordChanges) {
        this.queries = queries;
        this.dayClose = dayClose;
        this.bankFiles = bankFiles;
        this.writer = writer;
        this.passwordChanges = passwordChanges;
    }

    @GetMapping({"/dashboard", "/dashboard/"})
    RedirectView home() {
        return new RedirectView("/dashboard/index.html");
    }

    /** The server's root leads to the dashboard (its login page), not to the API's Basic-auth prompt. */
    @GetMapping("/")
    RedirectView root() {
        return new RedirectView("/dashboard/");
    }

    /** The CSRF token for the login form and the page's POSTs. */
    @GetMapping("/dashboard/csrf")
    Map<String, String> csrf(CsrfToken token) {
        return Map.of(
                "parameterName",
                token.getParameterName(),
                "headerName",
                token.getHeaderName(),
                "token",
                token.getToken());
    }

    /**
     * The signed-in user changes its own password (the CSRF token in the header): the way out of a pending change for
     * whoever signed in on the dashboard; the first administrator's change deletes the initial password file.
     */
    @PostMapping("/dashboard/api/me/password")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    void changeOwnPassword(@org.springframework.web.bind.annotation.RequestBody PasswordChange body, Principal who) {
        passwordChanges.changeOwn(who.getName(), body.current(), body.newPassword());
        log.info("Staff user '{}' changed its password on the dashboard", who.getName());
    }

    /** {"current": ..., "new": ...}; neither is ever logged. */
    record PasswordChange(String current, @com.fasterxml.jackson.annotation.JsonProperty("new") String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[…]";
        }
    }

    @GetMapping("/dashboard/api/me")
    Map<String, Object> me(Principal who, org.springframework.security.core.Authentication auth) {
        return Map.of(
                "user", who.getName(), "admin", auth.getAuthorities().stream().anyMatch(a -> a.getAuthority()
                        .equals("ROLE_ADMIN")));
    }

    @GetMapping("/dashboard/api/volumes")
    DashboardQueries.Volumes volumes(
            @RequestParam(defaultValue = "14") int days, @RequestParam(required = false) String to) {
        Checks.require(days > 0 && days <= 92, "days", days, "1..92");
        if (to != null) {
            Checks.element("to", "business_date", to);
        }
        return queries.volumes(days, to);
    }

    @GetMapping("/dashboard/api/quarantine")
    List<DashboardQueries.QuarantineRow> quarantine(
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "open") String status) {
        Checks.require(limit > 0 && limit <= 500, "limit", limit, "1..500");
        Checks.require(
                DashboardQueries.QUARANTINE_FILTERS.containsKey(status),
                "status",
                status,
                "one of " + DashboardQueries.QUARANTINE_FILTERS.keySet());
        return queries.quarantine(limit, DashboardQueries.QUARANTINE_FILTERS.get(status));
    }

    /** Each payment of a bank file with its status (SENT, ACCEPTED, REJECTED) and the bank's reason (AC04 …). */
    @GetMapping("/dashboard/api/files/{messageId}/payments")
    List<org.citycard.clearing.bankfile.Payment> payments(@PathVariable String messageId) {
        bankFiles.file(messageId).orElseThrow(() -> new NotFoundException("no bank file " + messageId));
        return bankFiles.payments(messageId);
    }

    @GetMapping("/dashboard/api/settlements")
    List<ClosedDay> settlements(@RequestParam(defaultValue = "31") int limit) {
        Checks.require(limit > 0 && limit <= 366, "limit", limit, "1..366");
        return dayClose.closedDays(limit);
    }

    @GetMapping("/dashboard/api/settlements/{date}")
    DayCloseResult settlement(@PathVariable String date) {
        return dayClose.closed(date);
    }

    @GetMapping("/dashboard/api/files")
    List<BankFile> files(@RequestParam(defaultValue = "50") int limit) {
        Checks.require(limit > 0 && limit <= 500, "limit", limit, "1..500");
        return bankFiles.recentFiles(limit);
    }

    @PostMapping("/dashboard/api/days/{date}/close")
    DayCloseResult close(@PathVariable String date, Principal who) {
        return dayClose.close(date, who.getName(), CloseProgress.NONE);
    }

    @GetMapping("/dashboard/files/{messageId}/{name}")
    ResponseEntity<Resource> download(@PathVariable String messageId, @PathVariable String name) {
        BankFile f = bankFiles.file(messageId).orElseThrow(() -> new NotFoundException("no bank file " + messageId));
        java.nio.file.Path p = writer.find(f, name)
                .orElseThrow(() -> new NotFoundException("bank file " + messageId + " has no file " + name));
        return ResponseEntity.ok()
                .contentType(name.endsWith(".xml") ? MediaType.APPLICATION_XML : MediaType.APPLICATION_OCTET_STREAM)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(new FileSystemResource(p));
    }
}
