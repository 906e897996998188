/**
 * The kiosk and counter pages served on localhost with Netty (HTTP + WebSocket): bilingual labels, "tap your
 * card", holder (masked), balance, last transactions, social-security summary, bill payment and loads; events
 * pushed live to the page.
 */
package org.citycard.agent.kiosk;
