/**
 * The money and query paths of one tap on a selected purse: purchase and compound purchase (journal before the
 * debit, TAC journaled before the result), online load, the proof of what an earlier tap left open (GET
 * TRANSACTION PROVE), the block of a hotlisted card, and the balance, log and identity queries. Each money path
 * nudges the uploader itself once its event is journaled. Before any debit the offline rules ({@link
 * org.citycard.agent.purse.OfflineRules}) and the fare ({@link org.citycard.agent.purse.FareRules}: a concession
 * card's discount, free ride or full fare, from the card type and review date in the FCI) are decided offline.
 */
package org.citycard.agent.purse;
