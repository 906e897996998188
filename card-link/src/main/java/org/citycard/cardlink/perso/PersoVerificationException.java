package org.citycard.cardlink.perso;

/** A file read back after personalisation differs from what was written, or a card key does not prove. */
public final class PersoVerificationException extends RuntimeException {
    public PersoVerificationException(String message) {
        super(message);
    }
}
