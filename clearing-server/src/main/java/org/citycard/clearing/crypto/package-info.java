/**
 * The server's side of the key hierarchy: MLK, MTK and MTAK from the key store (or the dictionary's demo set, when
 * asked for by name), and the per-card and per-terminal keys derived from them with the dictionary's CardCrypto.
 */
package org.citycard.clearing.crypto;
