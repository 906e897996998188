/**
 * The card readers: PC/SC through {@code javax.smartcardio} (the only package that imports it) and the CityCard
 * simulator's readers, reached by class name at run time; a card source for each.
 */
package org.citycard.issuance.perso.pcsc;
