/**
 * The issuer's keys: an encrypted BCFKS key store, key ceremonies that load a master key from two or three
 * components held by different custodians (only key check values are ever shown), and the choice of key set for
 * production, where the public demo set is used only when asked for by name.
 */
package org.citycard.issuance.keys;
