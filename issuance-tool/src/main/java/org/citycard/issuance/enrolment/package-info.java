/**
 * Enrolment (采集) of citizens by the clerks: every field checked against the data dictionary (ID check character,
 * birth date and sex agreeing with the ID, region, ethnicity and other codes, GB 18030 name within the card's byte
 * length, photograph format and size), one at a time, from a CSV batch (bad rows reported by line and field, good
 * rows kept) or at an interactive prompt.
 */
package org.citycard.issuance.enrolment;
