/**
 * The hotlist and terminal parameters: fetched over HTTP from the clearing server when the versions it announces
 * on sign-on and echo are newer than the local ones, kept in the journal database with their versions, checked on
 * every tap (a hotlisted card is blocked). {@link org.citycard.agent.hotlist.ServerApi} is the HTTP side.
 */
package org.citycard.agent.hotlist;
