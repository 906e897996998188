package org.citycard.issuance.server;

/**
 * The server's answer to a balance move or refund.
 *
 * @param status MOVED or REFUNDED when done, PENDING when the card's outstanding records are not all in yet
 * @param amount the amount moved or refunded (fen), 0 while pending
 * @param reason why it is pending, or null
 */
public record Settlement(String status, long amount, String reason) {
    public boolean pending() {
        return "PENDING".equals(status);
    }
}
