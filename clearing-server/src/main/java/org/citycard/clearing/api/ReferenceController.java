package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.citycard.clearing.reference.Bank;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.reference.Terminal;
import org.citycard.clearing.support.Checks;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Departments, terminals and cards: staff read, administrators change. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reference data", description = "departments, terminals, cards")
class ReferenceController {
    private final ReferenceService service;
    private final org.citycard.clearing.settlement.DepositService deposits;

    private final org.citycard.clearing.crypto.KeyVersions keyVersions;

    ReferenceController(
            ReferenceService service,
            org.citycard.clearing.settlement.DepositService deposits,
            org.citycard.clearing.crypto.KeyVersions keyVersions) {
        this.keyVersions = keyVersions;
        this.service = service;
        this.deposits = deposits;
    }

    @GetMapping("/departments")
    List<Department> departments() {
        return service.departments();
    }

    @GetMapping("/departments/{code}")
    Department department(@PathVariable String code) {
        return service.department(code);
    }

    @PostMapping("/departments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a department (ADMIN)")
    Department createDepartment(@RequestBody Requests.DepartmentBody body) {
        return service.createDepartment(department(body.code(), body));
    }

    @PutMapping("/departments/{code}")
    @Operation(summary = "Change a department (ADMIN)")
    Department updateDepartment(@PathVariable String code, @RequestBody Requests.DepartmentBody body) {
        Checks.require(body.code() == null || body.code().equals(code), "code", body.code(), "must match the path");
        return service.updateDepartment(department(code, body));
    }

    private static Department department(String code, Requests.DepartmentBody b) {
        Checks.require(b.feeRateBp() != null, "feeRateBp", null, "a value is required (fee_rate_bp)");
        return new Department(
                code, b.name(), b.category(), b.bankCode(), b.accountNumber(), b.accountName(), b.feeRateBp());
    }

    @GetMapping("/terminals")
    List<Terminal> terminals() {
        return service.terminals();
    }

    @GetMapping("/terminals/{terminalId}")
    Terminal terminal(@PathVariable String terminalId) {
        return service.terminal(terminalId);
    }

    @PostMapping("/terminals")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a terminal (ADMIN)")
    Terminal createTerminal(@RequestBody Requests.TerminalBody body) {
        return service.createTerminal(terminal(body.terminalId(), body));
    }

    @PutMapping("/terminals/{terminalId}")
    @Operation(summary = "Change a terminal (ADMIN)")
    Terminal updateTerminal(@PathVariable String terminalId, @RequestBody Requests.TerminalBody body) {
        Checks.require(
                body.terminalId() == null || body.terminalId().equals(terminalId),
                "terminalId",
                body.terminalId(),
                "must match the path");
        return service.updateTerminal(terminal(terminalId, body));
    }

    private static Terminal terminal(String id, Requests.TerminalBody b) {
        return new Terminal(id, b.departmentCode(), b.psamSerial(), b.active() == null || b.active(), b.terminalType());
    }

    @GetMapping("/cards")
    List<Card> cards(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        Checks.require(offset >= 0, "offset", offset, "0 or more");
        Checks.require(limit > 0 && limit <= 1000, "limit", limit, "1..1000");
        return service.cards(offset, limit);
    }

    @GetMapping("/cards/{asn}")
    Card card(@PathVariable String asn) {
        return service.card(asn);
    }

    @PostMapping("/cards")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Register a card with an empty shadow account (ADMIN), with the deposit taken at issue when"
                    + " given (card deposit, refunded when the card is returned)")
    Card registerCard(@RequestBody Requests.CardBody body) {
        String state = body.state() == null ? CardStates.ACTIVE : body.state();
        int first = body.firstOfflineSeq() == null ? 0 : body.firstOfflineSeq();
        return deposits.registerWithDeposit(
                new Card(
                        body.asn(),
                        state,
                        body.expiryDate(),
                        body.algorithm(),
                        keyVersions.forNewCard(body.keyVersion())),
                first,
                body.holderId(),
                body.deposit());
    }

    @PutMapping("/cards/{asn}/state")
    @Operation(summary = "Move a card to another state, as the dictionary's card-state table allows (ADMIN)")
    Card changeState(@PathVariable String asn, @RequestBody Requests.CardStateBody body) {
        return service.changeState(asn, body.state());
    }

    // ------------------------------------------------------------------ banks

    @GetMapping("/banks")
    @Operation(summary = "The banks the clearing centre pays through (its settlement account at each)")
    List<Bank> banks() {
        return service.banks();
    }

    @GetMapping("/banks/{bankCode}")
    Bank bank(@PathVariable String bankCode) {
        return service.bank(bankCode);
    }

    @PostMapping("/banks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a bank (ADMIN): CNAPS code, name, BIC, the centre's settlement account there")
    Bank createBank(@RequestBody Requests.BankBody body) {
        return service.createBank(new Bank(
                body.bankCode(),
                body.name(),
                body.bic(),
                body.settlementAccount(),
                body.settlementAccountName(),
                body.manifestSignatures()));
    }

    @PutMapping("/banks/{bankCode}")
    @Operation(summary = "Change a bank (ADMIN)")
    Bank updateBank(@PathVariable String bankCode, @RequestBody Requests.BankBody body) {
        Checks.require(
                body.bankCode() == null || bankCode.equals(body.bankCode()),
                "bankCode",
                body.bankCode(),
                "must match the path");
        return service.updateBank(new Bank(
                bankCode,
                body.name(),
                body.bic(),
                body.settlementAccount(),
                body.settlementAccountName(),
                body.manifestSignatures()));
    }
}
