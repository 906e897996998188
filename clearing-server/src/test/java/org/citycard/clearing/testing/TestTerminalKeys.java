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
}
