package org.citycard.agent.kiosk;

/**
 * The card reader of a simulated terminal ({@code --reader sim}), where no hand lifts the card: the page's
 * "take the card out / put it back" control and {@code agent sim remove|insert} move the simulated card.
 */
public interface CardSlot {
    /** Whether a card is on the reader now. */
    boolean present();

    /** Takes the card off the reader (the tap loop sees it leave); nothing when none is there. */
    void remove();

    /** Puts the card taken off back on the reader: a new tap. */
    void insert();

    /**
     * The card reader of the simulator's JVM-wide demo set-up, the one {@code --reader sim} uses. The simulator
     * (module card-os-applets) is on the agent's class path at run time only, so it is reached by name.
     */
    static CardSlot simulatorDemo() {
        return new SimulatorDemoSlot();
    }
}
