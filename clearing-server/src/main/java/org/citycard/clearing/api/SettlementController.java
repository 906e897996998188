package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.citycard.clearing.bankfile.BankFile;
import org.citycard.clearing.bankfile.BankFileRepository;
import org.citycard.clearing.bankfile.BankFileWriter;
import org.citycard.clearing.bankfile.BankStatusService;
import org.citycard.clearing.bankfile.Payment;
import org.citycard.clearing.settlement.CardSettlementService;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Day close, the bank files and their status reports, and the balance of cards leaving service. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Settlement", description = "day close, bank clearing files, pain.002 status, refunds and balance moves")
class SettlementController {
    private final DayCloseService dayClose;
    private final BankFileRepository bankFiles;
    private final BankFileWriter writer;
    private final BankStatusService status;
    private final CardSettlementService cards;

    SettlementController(
            DayCloseService dayClose,
            BankFileRepository bankFiles,
            BankFileWriter writer,
            BankStatusService status,
            CardSettlementService cards) {
        this.dayClose = dayClose;
        this.bankFiles = bankFiles;
        this.writer = writer;
        this.status = status;
        this.cards = cards;
    }

    @PostMapping("/days/{date}/close")
    @Operation(
            summary = "Close a business day (ADMIN): freeze, settle per department, write and sign the bank files."
                    + " A closed day closed again books nothing and writes the same bytes")
    DayCloseResult close(@PathVariable String date, Principal who) {
        return dayClose.close(date, who == null ? "api" : who.getName(), CloseProgress.NONE);
    }

    @GetMapping("/days/closed")
    @Operation(summary = "Closed business days, newest first")
    List<ClosedDay> closedDays(@RequestParam(defaultValue = "31") int limit) {
        Checks.require(limit > 0 && limit <= 1000, "limit", limit, "1..1000");
        return dayClose.closedDays(limit);
    }

    @GetMapping("/days/{date}/settlement")
    @Operation(summary = "A closed day's settlement per department and its bank files")
    DayCloseResult settlement(@PathVariable String date) {
        return dayClose.closed(date);
    }

    @GetMapping("/bank-files")
    @Operation(summary = "Bank files, newest day first, with their status")
    List<BankFile> bankFiles(@RequestParam(defaultValue = "100") int limit) {
        Checks.require(limit > 0 && limit <= 1000, "limit", limit, "1..1000");
        return bankFiles.recentFiles(limit);
    }

    record BankFileDetail(BankFile file, List<String> files, List<Payment> payments) {}

    @GetMapping("/bank-files/{messageId}")
    @Operation(summary = "A bank file: its payments with their status and the names of its files")
    BankFileDetail bankFile(@PathVariable String messageId) {
        BankFile f = file(messageId);
        return new BankFileDetail(f, BankFileWriter.names(messageId), bankFiles.payments(messageId));
    }

    @GetMapping("/bank-files/{messageId}/files/{name}")
    @Operation(summary = "Download one file of a bank file set (pain.001, detail file, manifest, signature)")
    ResponseEntity<Resource> download(@PathVariable String messageId, @PathVariable String name) {
        return download(writer, file(messageId), name);
    }

    static ResponseEntity<Resource> download(BankFileWriter writer, BankFile f, String name) {
        java.nio.file.Path p = writer.find(f, name)
                .orElseThrow(() -> new NotFoundException("bank file " + f.messageId() + " has no file " + name
                        + "; its files are " + BankFileWriter.names(f.messageId())));
        MediaType type = name.endsWith(".xml")
                ? MediaType.APPLICATION_XML
                : name.endsWith(".p7s") ? MediaType.APPLICATION_OCTET_STREAM : MediaType.TEXT_PLAIN;
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(new FileSystemResource(p));
    }

    @PostMapping(
            path = "/bank-files/status",
            consumes = {
                MediaType.APPLICATION_XML_VALUE,
                MediaType.TEXT_XML_VALUE,
                MediaType.APPLICATION_OCTET_STREAM_VALUE
            })
    @Operation(
            summary = "Apply a bank's pain.002.001.03 status report (ADMIN): accepted payments close, rejected ones"
                    + " are re-queued for the next day; a malformed or mismatching report is refused whole (400)")
    BankStatusService.Outcome applyStatus(@RequestBody byte[] report) {
        return status.apply(report);
    }

    @PostMapping("/cards/{asn}/refund")
    @Operation(
            summary = "Refund a cancelled card's balance to the holder's account (ADMIN): REFUNDED with the amount"
                    + " once the card's outstanding records are in (paid in the next day close's bank file),"
                    + " PENDING with the reason until then")
    CardSettlementService.Answer refund(@PathVariable String asn, @RequestBody Requests.RefundBody body) {
        return cards.refund(asn, body.bankCode(), body.accountNumber(), body.accountName());
    }

    @PostMapping("/cards/{asn}/replacement")
    @Operation(
            summary = "Move a lost or expired card's balance to its replacement (ADMIN): MOVED with the amount once"
                    + " the old card's outstanding records are in, PENDING with the reason until then")
    CardSettlementService.Answer replacement(@PathVariable String asn, @RequestBody Requests.ReplacementBody body) {
        return cards.replacement(asn, body.newAsn());
    }

    private BankFile file(String messageId) {
        return bankFiles.file(messageId).orElseThrow(() -> new NotFoundException("no bank file " + messageId));
    }
}
