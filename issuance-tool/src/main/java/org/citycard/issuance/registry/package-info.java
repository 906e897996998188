/**
 * Comparison (比对) of applications with the imported population registry (the dictionary's fixed-width layout
 * {@code population_registry}) and with existing holders, and the reviewer's decision on what it flags.
 */
package org.citycard.issuance.registry;
