package org.citycard.clearing.bankfile;

import java.util.List;

/**
 * A bank's pain.002.001.03 status report as far as the clearing centre uses it.
 *
 * @param reportId the report's own MsgId
 * @param originalMessageId the pain.001 it reports on
 * @param originalCount OrgnlNbOfTxs, or null when absent
 * @param originalSum OrgnlCtrlSum in fen, or null when absent
 * @param groupStatus GrpSts, or null
 * @param groupReason the group's status reason, or null
 * @param paymentInformation the OrgnlPmtInfAndSts blocks
 */
public record StatusReport(
        String reportId,
        String originalMessageId,
        String originalMessageName,
        Integer originalCount,
        Long originalSum,
        String groupStatus,
        String groupReason,
        List<PaymentInformation> paymentInformation) {

    /** One OrgnlPmtInfAndSts. */
    public record PaymentInformation(
            String id, Integer count, Long sum, String status, String reason, List<TransactionStatus> transactions) {}

    /**
     * One TxInfAndSts.
     *
     * @param amount OrgnlTxRef/Amt/InstdAmt in fen, or null when absent
     * @param currency its currency, or null
     */
    public record TransactionStatus(String endToEndId, String status, String reason, Long amount, String currency) {}
}
