package org.citycard.issuance.server;

/**
 * The head of the issuance tool's audit chain as the clearing server keeps it for a card centre: the newest entry's
 * sequence number and its HMAC-SHA256 (hex).
 */
public record AuditHead(long seq, String mac) {}
