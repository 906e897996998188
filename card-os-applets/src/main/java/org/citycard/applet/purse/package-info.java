/**
 * The city e-purse (Java Card package AID {@code F04343455000}, applet {@code F043434550303101}): purchase, compound
 * purchase, load, proofs, log, department records, PIN commands and blocks. Owner of the card's cardholder PIN and
 * card-block flag, which it shares through the Shareable {@link org.citycard.applet.purse.CardholderServices}, the
 * one interface in this package's export file; {@link org.citycard.applet.purse.PurseApplet} hands the object to the
 * SSSE's AID only.
 */
package org.citycard.applet.purse;
