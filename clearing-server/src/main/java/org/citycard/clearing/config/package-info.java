/**
 * The clearing server's settings: the {@code citycard.*} properties bound in one place
 * ({@link org.citycard.clearing.config.CityCardProperties}) and the embedded Derby settings that must be system
 * properties before Derby boots ({@link org.citycard.clearing.config.DerbyLogLocation}). Nothing secret is held here:
 * passwords come from environment variables whose names these settings give.
 */
package org.citycard.clearing.config;
