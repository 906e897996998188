/**
 * Personalisation (CARD-SPEC §4.5) of citizen cards and PSAMs through a one-method card transport, with commands
 * built from the dictionary's APDU set and files laid out from its card layout; every file read back and compared,
 * keys proven by use; batch production that resumes after an interruption without personalising any card twice.
 */
package org.citycard.issuance.perso;
