/**
 * The life of a card at the issuer (DESIGN §3.6): states and transitions from the dictionary's card-state table,
 * every move checked (no skipping, no way back from a final state), recorded in the card's history and audited,
 * and shown by {@code issue status}.
 */
package org.citycard.issuance.workflow;
