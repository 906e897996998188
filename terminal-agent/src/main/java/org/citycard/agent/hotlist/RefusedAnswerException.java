package org.citycard.agent.hotlist;

import java.io.IOException;

/**
 * An answer of the clearing server the agent does not take: its MAC is missing or wrong (changed on the way, or not
 * the server's), or it holds what the agent does not understand (an unknown hotlist change type). Nothing of it is
 * applied; the local lists stay as they were and the next sync asks again.
 */
public final class RefusedAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    public RefusedAnswerException(String message) {
        super(message);
    }
}
