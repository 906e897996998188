package org.citycard.cardlink.pcsc;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;

/**
 * Card-present / card-absent detection driving the agent: waits for a card on the card reader, hands it to the
 * handler, waits for it to leave. A reader that disappears is looked for again every half second, so unplugging
 * and re-plugging it needs no restart.
 */
public final class TapLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TapLoop.class.getName());
    private static final long POLL_MS = 250;
    private final Readers readers;
    private final TapHandler handler;
    private final Thread thread;
    private volatile boolean running = true;

    TapLoop(Readers readers, TapHandler handler) {
        this.readers = readers;
        this.handler = handler;
        this.thread = new Thread(this::loop, "citycard-tap-loop");
        this.thread.setDaemon(true);
    }

    public TapLoop start() {
        thread.start();
        return this;
    }

    private void loop() {
        String current = null;
        while (running) {
            CardTerminal t = readers.resolveCardTerminal();
            if (t == null) {
                if (current != null) {
                    handler.onReaderState(current, false);
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "card reader {0} is gone; waiting for it to come back",
                            current);
                    current = null;
                }
                sleep(500);
                continue;
            }
            if (!t.getName().equals(current)) {
                current = t.getName();
                handler.onReaderState(current, true);
                LOG.log(System.Logger.Level.INFO, "card reader: {0}", current);
            }
            try {
                if (!t.waitForCardPresent(POLL_MS)) {
                    continue;
                }
                SmartcardioTransport card;
                try {
                    card = Readers.connect(t);
                } catch (CardException e) {
                    // the card left before we could talk to it
                    sleep(50);
                    continue;
                }
                try {
                    handler.onTap(new Tap(card, card.atrHex(), t.getName()));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "the tap handler failed", e);
                } finally {
                    card.disconnect();
                }
                while (running && !t.waitForCardAbsent(POLL_MS)) {
                    // the card is still on the reader
                }
                handler.onRemoved(t.getName());
            } catch (CardException | IllegalStateException e) {
                // the reader went away under us: look for it again
                sleep(200);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
