/**
 * The Java Card applets of the citizen card and the PSAM. {@code CardConstants} is generated from the data
 * dictionary at build time. Filled by the card applets issue.
 */
package org.citycard.applet;
