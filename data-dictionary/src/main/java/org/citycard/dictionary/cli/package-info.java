/**
 * {@code ./citycard dict} (picocli), a thin layer over the dictionary: show an entry, check an ID number,
 * generate the reference, diversify a key or compute a MAC or TAC to settle a dispute (check values only).
 */
package org.citycard.dictionary.cli;
