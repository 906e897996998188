package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.citycard.clearing.ingest.QuarantineEntry;
import org.citycard.clearing.ingest.QuarantineRepository;
import org.citycard.clearing.support.Checks;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Transactions by card, department and day, and the quarantine: for staff. */
@RestController
@Tag(name = "Transactions", description = "purchases, loads and the quarantine")
class TransactionController {
    private final TransactionQueries queries;
    private final QuarantineRepository quarantine;

    private final org.citycard.clearing.ingest.BatchRepository batches;

    TransactionController(
            TransactionQueries queries,
            QuarantineRepository quarantine,
            org.citycard.clearing.ingest.BatchRepository batches) {
        this.queries = queries;
        this.quarantine = quarantine;
        this.batches = batches;
    }

    record CardTransactions(
            String asn, List<TransactionQueries.PurchaseView> purchases, List<TransactionQueries.LoadView> loads) {}

    @GetMapping("/api/v1/transactions")
    @Operation(
            summary = "Accepted purchases, filtered by business date, department, card or terminal; each with"
                    + " the inputs of its TAC (tacInput) for re-verification")
    List<TransactionQueries.PurchaseView> purchases(
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String asn,
            @RequestParam(required = false) String terminal,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        checkFilters(date, department, asn, terminal, offset, limit);
        return queries.purchases(date, department, asn, terminal, offset, limit);
    }

    @GetMapping("/api/v1/cards/{asn}/transactions")
    @Operation(summary = "A card's accepted purchases and its loads")
    CardTransactions ofCard(@PathVariable String asn, @RequestParam(defaultValue = "100") int limit) {
        checkFilters(null, null, asn, null, 0, limit);
        return new CardTransactions(
                asn, queries.purchases(null, null, asn, null, 0, limit), queries.loadsOfCard(asn, limit));
    }

    @GetMapping("/api/v1/departments/{code}/transactions")
    @Operation(summary = "A department's accepted purchases and loads of one business day")
    DepartmentDay ofDepartment(
            @PathVariable String code,
            @RequestParam String date,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        checkFilters(date, code, null, null, offset, limit);
        return new DepartmentDay(
                code,
                date,
                queries.purchases(date, code, null, null, offset, limit),
                queries.loadsOfDay(date, code, offset, limit));
    }

    record DepartmentDay(
            String departmentCode,
            String businessDate,
            List<TransactionQueries.PurchaseView> purchases,
            List<TransactionQueries.LoadView> loads) {}

    @GetMapping("/api/v1/loads")
    @Operation(summary = "Loads of a business day, optionally of one department")
    List<TransactionQueries.LoadView> loads(
            @RequestParam String date,
            @RequestParam(required = false) String department,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        checkFilters(date, department, null, null, offset, limit);
        return queries.loadsOfDay(date, department, offset, limit);
    }

    @GetMapping("/api/v1/quarantine")
    @Operation(summary = "What was kept out of the ledger, with the reason (dictionary table quarantine-reason)")
    List<QuarantineEntry> quarantine(
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String asn,
            @RequestParam(required = false) String terminal,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        checkFilters(date, null, asn, terminal, offset, limit);
        if (reason != null) {
            Checks.element("reason", "quarantine_reason", reason);
        }
        return quarantine.find(date, reason, status, asn, terminal, offset, limit);
    }

    @GetMapping("/api/v1/terminals/{terminalId}/batches/{number}")
    @Operation(summary = "The stored answer of an uploaded batch (what a repeat of it is answered with)")
    org.citycard.clearing.ingest.BatchResult batch(@PathVariable String terminalId, @PathVariable String number) {
        Checks.element("terminalId", "terminal_id", terminalId);
        Checks.element("number", "batch_number", number);
        return batches.find(terminalId, number)
                .map(org.citycard.clearing.ingest.BatchRepository.Stored::result)
                .orElseThrow(() -> new org.citycard.clearing.support.NotFoundException(
                        "terminal " + terminalId + " has no batch " + number));
    }

    static void checkFilters(String date, String department, String asn, String terminal, int offset, int limit) {
        if (date != null) {
            Checks.element("date", "business_date", date);
        }
        if (department != null) {
            Checks.element("department", "department_code", department);
        }
        if (asn != null) {
            Checks.element("asn", "asn", asn);
        }
        if (terminal != null) {
            Checks.element("terminal", "terminal_id", terminal);
        }
        Checks.require(offset >= 0, "offset", offset, "0 or more");
        Checks.require(limit > 0 && limit <= 1000, "limit", limit, "1..1000");
    }
}
