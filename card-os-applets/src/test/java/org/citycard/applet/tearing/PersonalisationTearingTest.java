package org.citycard.applet.tearing;

import static org.citycard.applet.tearing.PurseTearingTest.assertConsistentEverywhere;
import static org.citycard.applet.tearing.PurseTearingTest.sweep;

import org.citycard.dictionary.crypto.Algorithm;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §8, card tearing during personalisation: a blank card torn at every write of every step, then
 * personalised again from the start and used. Prints the figures per step.
 */
class PersonalisationTearingTest {
    @Test
    void citizenCard_tornAtEveryWriteOfEveryStep_staysInPersonalisationAndCanBePersonalisedAgain() {
        TearableCard card = TearableCard.citizen();

        assertConsistentEverywhere(sweep(card, PersonalisationOperation.citizenCard(card)));
    }

    @Test
    void psam_tornAtEveryWriteOfEveryStep_staysInPersonalisationAndCanBePersonalisedAgain() {
        TearableCard psam = TearableCard.psam();

        assertConsistentEverywhere(sweep(psam, PersonalisationOperation.psam(psam)));
    }

    @Test
    void sm4CitizenCard_tornAtEveryWriteOfEveryStep_staysInPersonalisationAndCanBePersonalisedAgain() {
        TearableCard card = TearableCard.citizen();

        assertConsistentEverywhere(sweep(card, PersonalisationOperation.citizenCard(card, Algorithm.SM4)));
    }

    @Test
    void sm4Psam_tornAtEveryWriteOfEveryStep_staysInPersonalisationAndServesSm4Cards() {
        TearableCard psam = TearableCard.psam();

        assertConsistentEverywhere(sweep(psam, PersonalisationOperation.psam(psam, Algorithm.SM4)));
    }
}
