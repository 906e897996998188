package org.citycard.cardlink.command;

/** Why a card or PSAM refused a command; each command's status-word table maps its SWs onto these. */
public enum Reason {
    APPLICATION_BLOCKED,
    CARD_BLOCKED,
    NOT_FOUND,
    WRONG_PIN,
    PIN_BLOCKED,
    MAC_INVALID,
    INSUFFICIENT_FUNDS,
    ABOVE_LIMIT,
    KEY_NOT_FOUND,
    PROOF_NOT_AVAILABLE,
    SECURITY_NOT_SATISFIED,
    CONDITIONS_NOT_SATISFIED,
    WRONG_LENGTH,
    WRONG_DATA,
    WRONG_PARAMETERS,
    NOT_SUPPORTED,
    MEMORY_FAILURE,
    UNEXPECTED
}
