/**
 * The card's life after production (DESIGN §3.6): distribution with an identity check, activation, loss report to the
 * server's hotlist, found card, replacement and renewal with the balance moved at the server, cancellation with
 * refund, PIN reset with RELOAD PIN at the counter, expiry. The server is told before the card changes state here.
 */
package org.citycard.issuance.life;
