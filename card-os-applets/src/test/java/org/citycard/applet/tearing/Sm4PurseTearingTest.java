package org.citycard.applet.tearing;

import org.citycard.dictionary.crypto.Algorithm;

/**
 * Every sweep of {@link PurseTearingTest} on a card personalised with SM4 keys (CARD-SPEC §7): the SM4 profile
 * changes the crypto of every operation, not its transactions, and the figures must show it.
 */
class Sm4PurseTearingTest extends PurseTearingTest {
    @Override
    Algorithm algorithm() {
        return Algorithm.SM4;
    }
}
