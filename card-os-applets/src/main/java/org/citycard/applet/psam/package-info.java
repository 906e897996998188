/**
 * The terminal PSAM (Java Card package AID {@code F04343534D00}, applet {@code F04343534D303101}): MAC1, MAC2 and
 * block MACs for the terminal; on its own card, with the library package.
 */
package org.citycard.applet.psam;
