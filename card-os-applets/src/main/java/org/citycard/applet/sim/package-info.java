/**
 * The CityCard applets in a simulator, for tests, the demo and PC/SC tools. Not card code: it runs on the host and
 * is outside the Java Card subset check.
 *
 * <p>{@link org.citycard.applet.sim.SimulatedCard} is one card running the real applets in its own jCardSim
 * runtime: {@code SimulatedCard.citizen()} (SSSE + purse) or {@code SimulatedCard.psam()}, blank and in
 * PERSONALIZATION, with {@code transmit(byte[])} and {@code reset()} (power cycle).
 *
 * <p>A simulated card is a card-link {@link org.citycard.cardlink.ApduTransport}.
 * {@link org.citycard.applet.sim.SimPersonaliser} personalises it by calling card-link's personalisers, the code the
 * issuance tool runs, deriving every card key from a {@link org.citycard.dictionary.crypto.KeySet}:
 * {@code SimPersonaliser.demo().newCitizenCard(CitizenProfile.demo())} and {@code newPsam(PsamProfile.demo())} give
 * ready cards; {@code personaliseCitizen} / {@code personalisePsam} work over any transport, PC/SC channels
 * included; {@code load} tops a card up as a load terminal and the clearing host would (card-link's command
 * classes). This package is the one part of card-os-applets that depends on card-link (DESIGN §1 v2); it implements
 * the {@code javax.smartcardio} SPI for its simulated readers, so it imports {@code javax.smartcardio} too.
 *
 * <p>{@link org.citycard.applet.sim.SimulatedReader} is a {@code javax.smartcardio.CardTerminal} with a card slot
 * ({@code insert}, {@code remove}, working {@code waitForCardPresent} / {@code waitForCardAbsent});
 * {@link org.citycard.applet.sim.SimulatorRegistry} holds readers and {@link org.citycard.applet.sim.SimulatorProvider}
 * lists them as {@code TerminalFactory.getInstance("CityCardSim", params, provider)}, so other modules load the
 * provider by class name and need no compile-time dependency. {@link org.citycard.applet.sim.VirtualCardMain} puts a
 * simulated card behind pcscd through vsmartcard's vpcd.
 */
package org.citycard.applet.sim;
