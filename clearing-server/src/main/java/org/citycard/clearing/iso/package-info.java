/**
 * The ISO 8583 endpoint on Netty: 2-byte length framing, the dictionary's jPOS packager as codec, terminal and
 * message-MAC authentication, and one handler per request type of the dictionary's message set (0800, 0100,
 * 0220, 0400, 0320, 0500). A frame whose MTI cannot be read is answered with MTI 0000 and 30.
 */
package org.citycard.clearing.iso;
