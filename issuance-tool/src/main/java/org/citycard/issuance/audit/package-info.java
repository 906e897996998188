/**
 * The append-only, hash-chained audit log of every staff action (who, what, when, on which citizen and card). ID
 * numbers are masked, and no PIN, key or key component is ever written: the services pass masked values and key
 * check values only, and {@link org.citycard.issuance.audit.Redaction} removes anything that still looks like one.
 */
package org.citycard.issuance.audit;
