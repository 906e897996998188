/**
 * The card centre's desk in the browser (DESIGN §4, v2): {@code ./citycard issue desk} serves static pages and a
 * small JSON API on localhost over the same services and roles as the command line. Each member of staff signs in
 * with their own session (an HttpOnly, SameSite=Strict cookie, a CSRF token on every POST, idle expiry; the account
 * lockout is the staff service's), and sees the menu of their roles: enrolment with live checks from the
 * dictionary, corrections before verification, the comparison review queue beside the registry's record, batch
 * production with live progress, the card's life at the counter with the server's answers, a citizen's timeline
 * and printable receipts.
 */
package org.citycard.issuance.desk;
