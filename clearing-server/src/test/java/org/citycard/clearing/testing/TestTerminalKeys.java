package org.citycard.clearing.testing;

import org.citycard.clearing.crypto.TerminalKeyService;
import org.citycard.dictionary.crypto.TerminalKey;

/** A terminal's working key for tests that call the terminal REST API without an ISO 8583 sign-on first. */
public final class TestTerminalKeys {
    private TestTerminalKeys() {}

    /**
     * Signs a demo-key terminal on as the 0800 would (a fresh TAK, kept by the server) and opens the TAK with the
     * terminal's demo TMK, as the terminal does with field 48.
     */
    public static byte[] tak(TerminalKeyService keys, String terminalId) {
        return keys.issueWorkingKey(terminalId)
                .open(TerminalKey.demo(terminalId).tmk());
    }

    /** The terminal's current working key, signing it on first when it has none. */
    public static byte[] current(TerminalKeyService keys, String terminalId) {
        return keys.currentWorkingKey(terminalId)
                .map(TerminalKeyService.WorkingKey::tak)
                .orElseGet(() -> tak(keys, terminalId));
    }

    /** {@link #signed} for a GET. */
    public static org.springframework.http.HttpHeaders signedGet(
            TerminalKeyService keys, String terminalId, String path, long time) {
        return signed(keys, terminalId, "GET", path, time);
    }

    /**
     * The headers of a terminal's request as the agent sends them: terminal ID, time and the MAC under the
     * terminal's current working key (signing it on first when it has none).
     */
    public static org.springframework.http.HttpHeaders signed(
            TerminalKeyService keys, String terminalId, String method, String path, long time) {
        org.springframework.http.HttpHeaders h = new org.springframework.http.HttpHeaders();
        h.set(org.citycard.clearing.security.TerminalMacFilter.TERMINAL, terminalId);
        h.set(org.citycard.clearing.security.TerminalMacFilter.TIME, Long.toString(time));
        h.set(
                org.citycard.clearing.security.TerminalMacFilter.MAC,
                org.citycard.clearing.security.TerminalMacFilter.mac(
                        current(keys, terminalId), method, path, time, terminalId));
        return h;
    }
}
