/**
 * Social-security records from the department's exchange file (dictionary layout {@code social_security_exchange}):
 * contributions by citizen, month and insurance type, and medical personal-account movements. A file is imported in
 * one transaction, once (by its SHA-256); bad rows are reported by line and left out, good rows kept. The kiosk reads
 * a citizen's summary through the terminal's MAC-authenticated API.
 */
package org.citycard.clearing.socialsecurity;
