/**
 * The clearing server as the issuance tool sees it: {@link org.citycard.issuance.server.CardRegistryClient}, with an
 * HTTP/JSON implementation of the server's REST API (new cards, state changes, hotlist, balance moves and refunds).
 */
package org.citycard.issuance.server;
