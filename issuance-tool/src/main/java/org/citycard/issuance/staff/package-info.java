/**
 * Staff accounts of the card centre with their roles (enrolment clerk, reviewer, production operator, key
 * custodian, supervisor), log-in with PBKDF2-hashed passwords, sessions, and the permission each action needs.
 */
package org.citycard.issuance.staff;
