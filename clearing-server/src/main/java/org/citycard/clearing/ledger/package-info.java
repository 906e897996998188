/**
 * The double-entry ledger: journals of balanced postings for loads (collection → suspense → purse float),
 * purchases (purse float → department payable and fee income) and reversals; balances per account, per card and
 * per department and business day are derived from the postings, never stored beside them.
 */
package org.citycard.clearing.ledger;
