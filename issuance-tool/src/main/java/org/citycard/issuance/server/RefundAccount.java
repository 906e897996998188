package org.citycard.issuance.server;

/** The holder's bank account for a refund (elements bank_code, account_number, account_name). */
public record RefundAccount(String bankCode, String accountNumber, String accountName) {}
