package org.citycard.clearing.reference;

/**
 * A bank the clearing centre pays through: the centre's settlement account there is the debtor of that bank's
 * pain.001 files.
 *
 * @param bankCode CNAPS bank code (12 digits), the key
 * @param bic the bank's BIC (11 characters, XXX for the head office)
 * @param settlementAccount the clearing centre's account at this bank
 * @param settlementAccountName the name of that account
 * @param manifestSignatures which signatures the manifests of this bank's files carry: ED25519, SM2 or ED25519,SM2
 *     ({@link org.citycard.clearing.bankfile.ManifestAlgorithm}); null in a request: ED25519 for a new bank, unchanged
 *     for an existing one
 */
public record Bank(
        String bankCode,
        String name,
        String bic,
        String settlementAccount,
        String settlementAccountName,
        String manifestSignatures) {
    /** A bank whose manifests are signed with Ed25519 only. */
    public Bank(String bankCode, String name, String bic, String settlementAccount, String settlementAccountName) {
        this(
                bankCode,
                name,
                bic,
                settlementAccount,
                settlementAccountName,
                org.citycard.clearing.bankfile.ManifestAlgorithm.DEFAULT);
    }

    public Bank withManifestSignatures(String signatures) {
        return new Bank(bankCode, name, bic, settlementAccount, settlementAccountName, signatures);
    }
}
