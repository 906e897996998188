/**
 * The issuance tool of the card centre's staff: enrolment, comparison with the population registry, the card
 * workflow, the key store and personalisation. Filled by the issuance tool issue; until then this module holds
 * only this description.
 */
package org.citycard.issuance;
