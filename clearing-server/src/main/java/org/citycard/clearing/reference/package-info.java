/**
 * Reference data: departments (category, bank account, fee rate), terminals (department, PSAM), cards with their
 * shadow accounts, and the versioned hotlist. Every stored value is checked against the dictionary first.
 */
package org.citycard.clearing.reference;
