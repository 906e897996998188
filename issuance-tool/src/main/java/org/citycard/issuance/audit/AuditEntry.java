package org.citycard.issuance.audit;

import java.time.Instant;

/**
 * One line of the audit log: who did what, when, on which citizen (ID masked) and card (ASN).
 *
 * @param hash HMAC-SHA256 (under the audit key) over the previous entry's hash and this entry's fields (plain SHA-256
 *     for entries written before the chain was keyed): the chain shows any change
 */
public record AuditEntry(
        long seq,
        Instant at,
        String actor,
        AuditAction action,
        String citizen,
        String card,
        String detail,
        String prevHash,
        String hash) {}
