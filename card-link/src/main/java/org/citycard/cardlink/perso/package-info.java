/**
 * Personalisation of citizen cards and PSAMs (CARD-SPEC §4.5), once for the issuance tool and the simulator:
 * {@link org.citycard.cardlink.perso.CardImages} lays out every file from the dictionary's card layout, {@link
 * org.citycard.cardlink.perso.CardPersonaliser} and {@link org.citycard.cardlink.perso.PsamPersonaliser} write keys,
 * PIN and files, read every file back and prove DLK and DEAK by use. {@link org.citycard.cardlink.perso.CardCommands}
 * builds their APDUs from the dictionary's headers; {@link org.citycard.cardlink.perso.CardLink} sends them and
 * names the step in a refusal. Keys and PINs never appear in a message.
 */
package org.citycard.cardlink.perso;
