/** The issuance benchmark (DESIGN §7): host-side time per card and 1,000 simulated cards end to end, as JSON. */
package org.citycard.issuance.bench;
