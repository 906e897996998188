package org.citycard.issuance.perso.source;

import java.io.PrintWriter;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.pcsc.Readers;
import org.citycard.cardlink.pcsc.Slot;
import org.citycard.issuance.perso.CardSource;

/**
 * Cards put into a reader by the operator: waits for a card, and after a good card waits for it to be taken out. A
 * card that failed stays in the reader, so that a resumed run sees it again.
 */
public final class ReaderCardSource implements CardSource {
    private final Slot terminal;
    private final PrintWriter prompt;
    private final long timeoutMillis;

    public ReaderCardSource(Readers readers, String readerName, PrintWriter prompt, long timeoutMillis) {
        this.terminal = readers.slot(readerName);
        this.prompt = prompt;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public CardConnection present(String what) {
        if (!terminal.isCardPresent()) {
            prompt.println("insert a blank card into " + terminal.name() + " for " + what);
            prompt.flush();
            if (!terminal.waitForCardPresent(timeoutMillis)) {
                throw new IllegalStateException("no card was inserted into " + terminal.name() + " within "
                        + timeoutMillis / 1000 + " s; the run stops here and can be resumed");
            }
        }
        return terminal.connect();
    }

    @Override
    public void done(CardConnection connection, boolean ok) {
        connection.close();
        if (ok) {
            prompt.println("take the card out of " + terminal.name());
            prompt.flush();
            terminal.waitForCardAbsent(timeoutMillis);
        }
    }
}
