package org.citycard.clearing.support;

/** The request contradicts what is stored (an existing key, a forbidden state change); the message says which. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
