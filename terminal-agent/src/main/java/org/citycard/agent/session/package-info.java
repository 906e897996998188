/**
 * The tap session: what happens between a card arriving and leaving (prove, hotlist, pay / load / query), the
 * request armed by the kiosk, the counter or the command line, and the events pushed to the pages.
 */
package org.citycard.agent.session;
