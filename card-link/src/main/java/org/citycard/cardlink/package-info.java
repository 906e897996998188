/**
 * The host side of the card, once (DESIGN §1 v2). {@link org.citycard.cardlink.ApduTransport} is the one transport
 * (apdu4j style, {@code byte[] transmit(byte[])}); {@link org.citycard.cardlink.LoggingTransport}, {@link
 * org.citycard.cardlink.TracingTransport} and {@link org.citycard.cardlink.TimedTransport} are wrappers around any
 * transport; a lost answer is a {@link org.citycard.cardlink.CardLostException}. The command classes are in {@code
 * cardlink.command}, the PC/SC readers (the only package importing {@code javax.smartcardio}) in {@code
 * cardlink.pcsc}, personalisation of citizen cards and PSAMs in {@code cardlink.perso}. card-link depends on the
 * dictionary only, never on the applets.
 */
package org.citycard.cardlink;
