/**
 * The money and query paths of one tap on a selected purse: purchase and compound purchase (journal before the
 * debit, TAC journaled before the result), online load, the proof of what an earlier tap left open (GET
 * TRANSACTION PROVE), the block of a hotlisted card, and the balance, log and identity queries. Each money path
 * nudges the uploader itself once its event is journaled.
 */
package org.citycard.agent.purse;
