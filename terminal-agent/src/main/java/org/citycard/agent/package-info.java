/**
 * The terminal agent of kiosks and counters: PC/SC readers, the tap loop, purchases and loads, the durable
 * journal with store-and-forward upload, the ISO 8583 client and the local kiosk pages. Filled by the terminal
 * agent issue; until then this module holds only this description.
 */
package org.citycard.agent;
