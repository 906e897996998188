/**
 * The ISO 8583 client: jPOS messages packed with the dictionary's GenericPackager, NACChannel framing (2-byte
 * length, no header), the message MAC of iso8583.yaml both ways, answers matched by MTI and STAN, timeouts and
 * reconnects. {@link org.citycard.agent.iso.HostLink} holds one method per message pair.
 */
package org.citycard.agent.iso;
