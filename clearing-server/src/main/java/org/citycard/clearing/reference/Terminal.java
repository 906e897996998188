package org.citycard.clearing.reference;

import org.citycard.dictionary.wire.TerminalType;

/**
 * A registered terminal: its 12-digit ID, the department it belongs to, the PSAM inside it and its type (a code of
 * the dictionary's terminal-type table, which says what the terminal may send).
 */
public record Terminal(
        String terminalId, String departmentCode, String psamSerial, boolean active, String terminalType) {

    /** The type of {@link #terminalType()}; every stored terminal has one of the table (checked at registration). */
    public TerminalType type() {
        return TerminalType.of(terminalType)
                .orElseThrow(() -> new IllegalStateException("terminal " + terminalId + " has terminal type "
                        + terminalType + ", which is not in the dictionary's table " + TerminalType.TABLE));
    }
}
