/**
 * Benchmarks as library entry points ({@code bench ingest}, {@code bench auth}, printing JSON), and the simulated
 * card and terminal they (and the tests) drive the server with: card-side crypto from the dictionary's CardCrypto
 * with the demo keys, a stock jPOS NACChannel with the dictionary's packager.
 */
package org.citycard.clearing.bench;
