package org.citycard.clearing.bankfile;

import java.time.Instant;

/**
 * The files of one paying bank for one closed day.
 *
 * @param messageId the pain.001 MsgId: unique, the table's key
 * @param bic the paying bank's BIC (debtor agent)
 * @param debtorAccount the clearing centre's account at the bank
 * @param txCount NbOfTxs
 * @param ctrlSum CtrlSum in fen
 * @param status SENT, ACCEPTED, PARTLY_REJECTED, REJECTED (from the bank's status reports)
 * @param folder where the files are, relative to the data directory
 * @param manifestSha256 SHA-256 of the manifest written at the close (a rerun must reproduce it)
 * @param manifestSignatures the signatures the close chose for the manifest (the bank's setting then): ED25519, SM2
 *     or ED25519,SM2; a rerun signs with the same
 * @param manifestVersion 1: SHA-256 digests (files closed before issue 16); 2: SHA-256 and SM3
 */
public record BankFile(
        String messageId,
        String businessDate,
        String bankCode,
        String bankName,
        String bic,
        String debtorAccount,
        String debtorName,
        int txCount,
        long ctrlSum,
        String status,
        String folder,
        String manifestSha256,
        Instant createdAt,
        Instant statusAt,
        String manifestSignatures,
        int manifestVersion) {
    public static final String SENT = "SENT";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String PARTLY_REJECTED = "PARTLY_REJECTED";
    public static final String REJECTED = "REJECTED";
    /** The manifest version a close writes now: SHA-256 and SM3 for every file. */
    public static final int MANIFEST_VERSION = 2;

    /** A file of the current manifest version signed with Ed25519 only. */
    public BankFile(
            String messageId,
            String businessDate,
            String bankCode,
            String bankName,
            String bic,
            String debtorAccount,
            String debtorName,
            int txCount,
            long ctrlSum,
            String status,
            String folder,
            String manifestSha256,
            Instant createdAt,
            Instant statusAt) {
        this(
                messageId,
                businessDate,
                bankCode,
                bankName,
                bic,
                debtorAccount,
                debtorName,
                txCount,
                ctrlSum,
                status,
                folder,
                manifestSha256,
                createdAt,
                statusAt,
                ManifestAlgorithm.DEFAULT,
                MANIFEST_VERSION);
    }

    /** The signatures of the manifest, in canonical order. */
    public java.util.List<ManifestAlgorithm> signatureAlgorithms() {
        return ManifestAlgorithm.parse("manifest_signatures", manifestSignatures);
    }

    /** The MsgId of a day and bank: "CCS" ‖ date ‖ CNAPS code (23 characters), the same on every rerun. */
    public static String messageIdOf(String businessDate, String bankCode) {
        return "CCS" + businessDate + bankCode;
    }

    /** The payment-information ID of the file's one PmtInf block. */
    public String paymentInformationId() {
        return messageId + "-P1";
    }
}
