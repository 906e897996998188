package org.citycard.issuance.keys;

/** A key ceremony was aborted; nothing was stored. The message holds check values only. */
public final class KeyCeremonyException extends RuntimeException {
    public KeyCeremonyException(String message) {
        super(message);
    }
}
