/**
 * Store-and-forward: journaled records leave in 0320 batches of at most 151 offline_records, each batch number
 * assigned durably once and re-sent unchanged until the host answers; load advices (0220) and reversals (0400)
 * are sent until answered; every business date with new events is reconciled (0500). Retried with backoff,
 * never dropped or expired.
 */
package org.citycard.agent.upload;
