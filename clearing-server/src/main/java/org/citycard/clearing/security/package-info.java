/**
 * Who may do what: staff accounts (BCrypt hashes, roles ADMIN and STAFF) over HTTP Basic, terminals by their ID and
 * a MAC under their TAK (HTTP headers here, the message MAC on ISO 8583), the first administrator's bootstrap.
 */
package org.citycard.clearing.security;
