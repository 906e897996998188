/**
 * Readers through javax.smartcardio, the one package of the host modules that imports it: the PC/SC stack by
 * default or the card simulator's TerminalFactory ({@code --reader sim}, provider loaded by class name). One {@link
 * org.citycard.cardlink.pcsc.Readers} for the agent and the issuance tool (merged from both): the agent's card
 * reader and PSAM slot chosen by name, ATR or AID and its tap loop driven by card-present / card-absent, which finds
 * a re-plugged reader again by itself; the tool's reader {@link org.citycard.cardlink.pcsc.Slot} by name. The
 * transport handles GET RESPONSE (61xx) and wrong Le (6Cxx) so command classes see whole answers.
 */
package org.citycard.cardlink.pcsc;
