package org.citycard.issuance.workflow;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A card at the issuer, from the application (申请) to the end of its life.
 *
 * @param id the application number, shown to staff and citizens
 * @param asn the 20-digit application serial number, allocated when production starts
 * @param replacesId the card this one replaces (replacement or renewal), or null
 * @param settlement for a card that was replaced or cancelled: how its balance was settled (PENDING, MOVED,
 *     REFUNDED), or null
 */
public record CardRecord(
        long id,
        String citizenId,
        String cardType,
        CardState state,
        String asn,
        String cardNumber,
        LocalDate issueDate,
        LocalDate expiryDate,
        Long replacesId,
        Long batchId,
        String insurance,
        boolean serverReported,
        String settlement,
        Long settledAmount,
        Instant createdAt,
        Instant updatedAt) {}
