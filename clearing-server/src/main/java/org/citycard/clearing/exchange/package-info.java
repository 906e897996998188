/**
 * The exchange with departments (DESIGN §3.9): Apache ActiveMQ Artemis embedded in the server (or an external one
 * by configuration), one address per department and document type; inbound documents (population-registry changes,
 * social-security contributions, medical-account movements) verified, validated, applied once by document ID or
 * refused to the dead-letter address with their reason; outbound documents (reconciliation statements after the
 * day close, card status events, settlement notices) stored, signed and sent, resent until the broker has them;
 * the operators' status, send and replay; the per-department statistics behind the exchange page.
 */
package org.citycard.clearing.exchange;
