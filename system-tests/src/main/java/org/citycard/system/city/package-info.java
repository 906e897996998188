/**
 * A day in the life of a small city, built from the real parts and driven over the wire: the clearing server
 * ({@link org.citycard.system.city.ClearingHost}), the card centre ({@link org.citycard.system.city.CardCentre}, the
 * issuance tool as a library), the terminals ({@link org.citycard.system.city.CityTerminal}, terminal agents on
 * simulated PC/SC readers), the banks ({@link org.citycard.system.city.BankOffice}); the day's plan, its run, the
 * books the citizens keep, and the summary that checks all of them against each other.
 */
package org.citycard.system.city;
