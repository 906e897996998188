/**
 * Named codes the server answers with (ISO 8583 response codes, quarantine reasons). The names are ours; the code
 * values are read from the data dictionary so they are defined exactly once.
 */
package org.citycard.clearing.codes;
