/**
 * A tearing-aware card runtime for tests: the real applets, loaded through a class loader that instruments every
 * persistent write with ASM ({@link org.citycard.applet.tearing.InstrumentedApplets}), run in jCardSim on a model of
 * card memory ({@link org.citycard.applet.tearing.CardMemory}) that jCardSim lacks — transactions journaled and rolled
 * back, atomic and non-atomic {@code Util} copies, RAM cleared at power-up — and can be torn at any persistent write
 * ({@link org.citycard.applet.tearing.TearableCard}).
 *
 * <p>{@link org.citycard.applet.tearing.TearSweep} tears an operation at every one of its writes and judges each state
 * with the operation's invariants: {@link org.citycard.applet.tearing.MoneyOperation} (purchase, compound purchase,
 * load), {@link org.citycard.applet.tearing.PinOperation}, {@link org.citycard.applet.tearing.BlockOperation},
 * {@link org.citycard.applet.tearing.PersonalisationOperation}; {@link org.citycard.applet.tearing.PurseTerminal} is
 * the terminal and host side they use. {@link org.citycard.applet.tearing.AppletMutations} builds deliberately
 * broken variants of the applets to show the sweep failing where it must. Published in the module's test-jar.
 */
package org.citycard.applet.tearing;
