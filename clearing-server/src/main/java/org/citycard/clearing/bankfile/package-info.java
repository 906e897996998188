/**
 * The banks' side of a closed day: per paying bank an ISO 20022 pain.001.001.03 credit transfer (Prowide), the
 * dictionary's fixed-width detail file, a manifest of both with their SHA-256, and a detached CMS signature over the
 * manifest (Bouncy Castle, Ed25519, so a rerun writes the same bytes); and the way back, pain.002 status reports
 * that accept payments or reject them for a retry on the next day.
 */
package org.citycard.clearing.bankfile;
