package org.citycard.clearing.reference;

/**
 * A bank the clearing centre pays through: the centre's settlement account there is the debtor of that bank's
 * pain.001 files.
 *
 * @param bankCode CNAPS bank code (12 digits), the key
 * @param bic the bank's BIC (11 characters, XXX for the head office)
 * @param settlementAccount the clearing centre's account at this bank
 * @param settlementAccountName the name of that account
 */
public record Bank(String bankCode, String name, String bic, String settlementAccount, String settlementAccountName) {}
