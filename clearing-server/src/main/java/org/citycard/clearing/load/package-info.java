/**
 * Online loads: authorisation (0100, MAC1 with DLK, card state, hotlist, maximum balance, MAC2), completion (0220,
 * TAC with DTK, credit to the purse float) and reversal (0400), idempotent by (terminal, STAN).
 */
package org.citycard.clearing.load;
