/**
 * {@code ./citycard issue}: the picocli command line of the issuance tool, a thin layer over its library. Secrets
 * (passwords, key components, PINs) are read without echo, or from named environment variables in scripts.
 */
package org.citycard.issuance.cli;
