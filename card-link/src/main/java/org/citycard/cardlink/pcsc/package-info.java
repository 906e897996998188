/**
 * Readers through javax.smartcardio, the one package that imports it: the PC/SC stack by default or the card
 * simulator's TerminalFactory ({@code --reader sim}); the card reader and PSAM slot chosen by name, ATR or AID;
 * the tap loop driven by card-present / card-absent, which finds a re-plugged reader again by itself.
 */
package org.citycard.cardlink.pcsc;
