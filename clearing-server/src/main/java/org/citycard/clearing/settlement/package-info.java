/**
 * Day close: a business day's accepted purchases, as the ledger postings hold them, frozen and settled per
 * department (count, gross, the one fee on the department total rounded half up in fen, net), one settlement journal
 * (the day fees, then payables to settlement in transit), rejected payments taken up again, refunds of cancelled cards, and the bank files of {@code clearing.bankfile}. A rerun of a closed day books
 * nothing and writes the same bytes. Also the balance of a cancelled card (refund) or a replaced one (moved to the
 * new card) once the card's outstanding records are in.
 */
package org.citycard.clearing.settlement;
