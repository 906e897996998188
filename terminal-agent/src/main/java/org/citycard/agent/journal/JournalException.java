package org.citycard.agent.journal;

/** The journal could not be read or written. Money events are not shown as done when this is thrown. */
public class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalException(String message) {
        super(message);
    }
}
