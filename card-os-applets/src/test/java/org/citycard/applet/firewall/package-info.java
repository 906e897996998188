/**
 * The firewall between the CityCard packages, in jCardSim: the purse, owner of the cardholder PIN, hands its
 * Shareable {@code CardholderServices} to the SSSE (another package, another context) and to no other applet; a
 * foreign applet of its own package gets nothing and cannot spend the PIN's tries.
 */
package org.citycard.applet.firewall;
