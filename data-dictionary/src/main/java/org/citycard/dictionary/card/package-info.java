/**
 * The card as the dictionary defines it: applications with their AIDs, files (binary, record, TLV) and their
 * fields and access rules, card parameters, and the APDU commands with their status words, the source of the
 * applets' generated constants and the terminal's command classes.
 */
package org.citycard.dictionary.card;
