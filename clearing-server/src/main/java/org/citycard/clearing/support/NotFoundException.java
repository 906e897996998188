package org.citycard.clearing.support;

/** Something named in a request does not exist; the message names it. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
