package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citycard.clearing.settlement.DepositService;
import org.citycard.clearing.support.Checks;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Card deposits (押金): the card centre's calls. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Deposits", description = "the deposit taken at issue, refunded once when the card is returned")
class DepositController {
    private final DepositService deposits;

    DepositController(DepositService deposits) {
        this.deposits = deposits;
    }

    @GetMapping("/cards/{asn}/deposit")
    @Operation(summary = "A card's deposit: amount, HELD / REFUNDED (BANK or CASH) / MOVED (to the replacing card)")
    DepositService.Answer deposit(@PathVariable String asn) {
        return deposits.deposit(asn);
    }

    @PostMapping("/cards/{asn}/deposit")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record the deposit taken for a registered card (ADMIN, CARD_CENTRE): cash → card deposit")
    DepositService.Answer take(@PathVariable String asn, @RequestBody Requests.DepositBody body) {
        Checks.require(body != null && body.amount() != null, "amount", "null", "a deposit in fen is required");
        return deposits.take(asn, body.amount());
    }

    @PostMapping("/cards/{asn}/deposit/cash-refund")
    @Operation(
            summary = "Pay a returned (cancelled) card's deposit out in cash at the counter (ADMIN, CARD_CENTRE):"
                    + " card deposit → cash; refused when refunded or moved already. Otherwise the deposit goes"
                    + " with the card's refund (POST /cards/{asn}/refund) in the next day close's bank file")
    DepositService.Answer cashRefund(@PathVariable String asn) {
        return deposits.refundInCash(asn);
    }
}
