package org.citycard.cardlink.perso;

import java.util.Locale;
import org.citycard.dictionary.Dictionary;

/**
 * A card answered a command with a status word other than 9000. The message names the step, the command and the
 * status word with the dictionary's description; never data sent to the card.
 */
public final class CardCommandException extends RuntimeException {
    private final String commandId;
    private final int sw;

    public CardCommandException(String step, String commandId, int sw) {
        super(step + ": card answered " + String.format(Locale.ROOT, "%04X", sw) + " ("
                + Dictionary.standard()
                        .describe(sw)
                        .map(s -> s.name() + ", " + s.en() + " / " + s.zh())
                        .orElse("not a status word of the dictionary")
                + ") to " + commandId);
        this.commandId = commandId;
        this.sw = sw;
    }

    public String commandId() {
        return commandId;
    }

    public int sw() {
        return sw;
    }
}
