package org.citycard.issuance.perso.pcsc;

import java.io.PrintWriter;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import org.citycard.issuance.perso.CardConnection;
import org.citycard.issuance.perso.CardSource;

/**
 * Cards put into a reader by the operator: waits for a card, and after a good card waits for it to be taken out. A
 * card that failed stays in the reader, so that a resumed run sees it again.
 */
public final class ReaderCardSource implements CardSource {
    private final CardTerminal terminal;
    private final PrintWriter prompt;
    private final long timeoutMillis;

    public ReaderCardSource(Readers readers, String readerName, PrintWriter prompt, long timeoutMillis) {
        this.terminal = readers.terminal(readerName);
        this.prompt = prompt;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public CardConnection present(String what) {
        try {
            if (!terminal.isCardPresent()) {
                prompt.println("insert a blank card into " + terminal.getName() + " for " + what);
                prompt.flush();
                if (!terminal.waitForCardPresent(timeoutMillis)) {
                    throw new IllegalStateException("no card was inserted into " + terminal.getName() + " within "
                            + timeoutMillis / 1000 + " s; the run stops here and can be resumed");
                }
            }
            return Readers.connect(terminal);
        } catch (CardException e) {
            throw new IllegalStateException("reader " + terminal.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void done(CardConnection connection, boolean ok) {
        connection.close();
        if (ok) {
            try {
                prompt.println("take the card out of " + terminal.getName());
                prompt.flush();
                terminal.waitForCardAbsent(timeoutMillis);
            } catch (CardException e) {
                throw new IllegalStateException("reader " + terminal.getName() + ": " + e.getMessage(), e);
            }
        }
    }
}
