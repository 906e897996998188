/**
 * The REST API (OpenAPI described): thin controllers over the reference, ledger and query services, and errors
 * that name the field, the value and the rule.
 */
package org.citycard.clearing.api;
