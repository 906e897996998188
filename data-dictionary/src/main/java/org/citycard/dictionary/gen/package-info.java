/**
 * Code generated from the dictionary at build time: the Java Card constants class of the applets, inside the Java
 * Card subset, so the applets never retype a command byte, a status word or an offset.
 */
package org.citycard.dictionary.gen;
