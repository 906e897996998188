package org.citycard.clearing.exchange;

/**
 * What became of an inbound document: APPLIED, or REFUSED with the reason (then nothing of it was applied and it
 * went to the dead-letter address).
 */
public record Outcome(String documentId, String type, String status, String reason) {
    static Outcome applied(String id, String type) {
        return new Outcome(id, type, "APPLIED", null);
    }

    static Outcome refused(String id, String type, String reason) {
        return new Outcome(id, type, "REFUSED", reason);
    }

    public boolean isApplied() {
        return "APPLIED".equals(status);
    }
}
