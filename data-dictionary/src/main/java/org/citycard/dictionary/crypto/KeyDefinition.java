package org.citycard.dictionary.crypto;

/**
 * A key of the hierarchy.
 *
 * @param keyId the PUT KEY key ID (hex), or null for keys that never go to a card
 * @param masterKey the master key it is diversified from, or null
 * @param derives for master keys: the card key derived from it
 */
public record KeyDefinition(
        String id, String zh, String en, String holder, String keyId, String masterKey, String derives) {}
