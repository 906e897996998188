package org.citycard.agent.hotlist;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.citycard.agent.iso.WorkingKeys;

/**
 * The clearing server's HTTP/JSON side as the agent uses it: the hotlist and parameters (versioned) and, for the
 * kiosk, a citizen's social-security summary. Behind an interface so tests run it against a small local server.
 */
public interface ServerApi {
    /**
     * The hotlist: everything ({@code since} null) or the changes after {@code since}.
     *
     * @param asns the full list when {@code since} was null
     * @param added cards added after {@code since}
     * @param removed cards removed after {@code since}
     * @param expiries the card expiry (YYYYMMDD) of listed or added cards where the server knows it
     */
    record Hotlist(
            long version,
            boolean full,
            List<String> asns,
            List<String> added,
            List<String> removed,
            Map<String, String> expiries) {
        public Hotlist {
            expiries = expiries == null ? Map.of() : Map.copyOf(expiries);
        }

        public Hotlist(long version, boolean full, List<String> asns, List<String> added, List<String> removed) {
            this(version, full, asns, added, removed, Map.of());
        }

        /** The cards to put on, each with its expiry (null when unknown). */
        public Map<String, String> addedWithExpiry() {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            for (String asn : full ? asns : added) {
                out.put(asn, expiries.get(asn));
            }
            return out;
        }
    }

    Hotlist hotlist(Long since) throws IOException;

    /**
     * The whole hotlist in its compact binary form with its version, checked (sorted, valid, at most
     * {@code capacity} entries); for a first download. A server API without it answers null, and the caller asks
     * {@link #hotlist(Long)} with {@code since} null instead.
     *
     * @throws RefusedAnswerException when the answer breaks the layout or the capacity
     */
    default org.citycard.dictionary.format.CompactHotlist.Image hotlistImage(int capacity) throws IOException {
        return null;
    }

    /** Terminal parameters (departments, limits …) as key → value, with their version. */
    record Parameters(long version, Map<String, String> values) {}

    Parameters parameters(String terminalId) throws IOException;

    /**
     * What the kiosk shows from the server: contributions by month and insurance type, the medical account and
     * the card's state, as the server's JSON (rendered by the page). The card must be present (CARD-SPEC §4.6): the
     * ASN of the card read after the PIN, a {@link #challenge()} and the card's INTERNAL AUTHENTICATE of it go with
     * the query (under the request MAC); the server answers only when the cryptogram verifies and that card belongs
     * to this citizen, and each challenge serves once.
     */
    Map<String, Object> socialSecuritySummary(
            String socialSecurityNumber, String asn, byte[] challenge, byte[] cryptogram) throws IOException;

    /** A fresh challenge (8 bytes) from the server for the card's INTERNAL AUTHENTICATE: one use, short-lived. */
    byte[] challenge() throws IOException;

    /**
     * This API signing its requests as the terminal: a MAC under the working key of its last sign-on. When the server
     * refuses the key (401 with code A0 or 63) the API calls {@code signOn} and sends the request once more.
     */
    default ServerApi authenticatedAs(String terminalId, WorkingKeys keys, SignOn signOn) {
        return this;
    }

    /** Signs the terminal on (over ISO 8583) for a new working key. */
    @FunctionalInterface
    interface SignOn {
        void signOn() throws IOException;
    }
}
