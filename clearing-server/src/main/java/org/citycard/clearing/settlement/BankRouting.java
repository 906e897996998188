package org.citycard.clearing.settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citycard.clearing.bankfile.Payment;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.clearing.reference.Bank;
import org.citycard.clearing.support.ConflictException;
import org.springframework.stereotype.Component;

/**
 * Which bank pays a payment: the creditor's own bank when the clearing centre pays through it, else the default
 * bank ({@code citycard.settlement.default-bank}, or the first bank by code) as a CNAPS transfer.
 */
@Component
class BankRouting {
    private final CityCardProperties properties;

    BankRouting(CityCardProperties properties) {
        this.properties = properties;
    }

    /** The payments grouped by paying bank, in bank-code order. */
    Map<String, List<Payment>> route(String date, List<Payment> payments, Map<String, Bank> banks) {
        Map<String, List<Payment>> byBank = new TreeMap<>();
        if (payments.isEmpty()) {
            return byBank;
        }
        if (banks.isEmpty()) {
            throw new ConflictException("day " + date + " has " + payments.size() + " payments but the bank table is"
                    + " empty: add the banks the clearing centre pays through (POST /api/v1/banks), then close again");
        }
        String fallback = properties.settlement().defaultBank();
        if (fallback == null || fallback.isBlank()) {
            fallback = banks.keySet().iterator().next();
        } else if (!banks.containsKey(fallback)) {
            throw new ConflictException("citycard.settlement.default-bank " + fallback + " is not in the bank table;"
                    + " add it or change the setting");
        }
        for (Payment p : payments) {
            String payer = banks.containsKey(p.creditorBank()) ? p.creditorBank() : fallback;
            byBank.computeIfAbsent(payer, k -> new ArrayList<>()).add(p);
        }
        return byBank;
    }

    static String bic(Map<String, Bank> banks, String bankCode) {
        Bank b = banks.get(bankCode);
        return b == null ? null : b.bic();
    }
}
