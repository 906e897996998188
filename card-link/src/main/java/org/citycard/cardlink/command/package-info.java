/**
 * One small class per card and PSAM command, Keyple style: each builds its APDU from the dictionary's header
 * (no command byte is typed here) and owns a status-word table that turns an SW into a precise, bilingual
 * refusal. The transport is the one-method {@link org.citycard.cardlink.ApduTransport}; a lost answer is a
 * {@link org.citycard.cardlink.CardLostException}, whose outcome money flows prove, never assume.
 */
package org.citycard.cardlink.command;
