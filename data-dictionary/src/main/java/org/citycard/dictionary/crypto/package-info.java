/**
 * The key hierarchy of keys.yaml (master keys, diversified card keys, session keys, key IDs) and the host side of
 * the card cryptography of CARD-SPEC §4 ({@link org.citycard.dictionary.crypto.CardCrypto}, Bouncy Castle): key sets
 * come from a key store or, loudly marked, the demo key set; key values never appear in a message or a log.
 */
package org.citycard.dictionary.crypto;
