/**
 * The Java Card 3.0.5 classic applets of the citizen card and the PSAM (CARD-SPEC, refined by the data dictionary):
 * {@link org.citycard.applet.SsseApplet}, {@link org.citycard.applet.PurseApplet} and
 * {@link org.citycard.applet.PsamApplet}. One package on purpose: one CAP file, one firewall context, and the
 * generated {@code CardConstants} within reach of every class. Everything here is card code, written in the Java Card
 * subset and checked by {@code SubsetCheckTest}: bytes and shorts only, no allocation after install, RAM state in
 * transient arrays (PurseSession, SecureChannel) apart from persistent state (PurseState, the files, the keys).
 * {@code process()} checks the card-block flag, SELECT and the class byte, then each applet's {@code dispatch} calls
 * one method per command. The cardholder PIN belongs to the purse and reaches the SSSE through the Shareable
 * {@link org.citycard.applet.CardholderServices}, together with the card-block flag.
 */
package org.citycard.applet;
