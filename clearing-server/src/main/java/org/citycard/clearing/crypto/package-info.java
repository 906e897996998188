/**
 * The server's side of the key hierarchy: LMK, MLK, MTK and MIAK from the key store (or the dictionary's demo set,
 * when asked for by name), the per-card keys derived from them with the dictionary's CardCrypto, and each terminal's
 * own TMK and working key TAK, kept only under the LMK ({@link org.citycard.clearing.crypto.TerminalKeyService}).
 */
package org.citycard.clearing.crypto;
