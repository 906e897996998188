package org.citycard.cardlink.perso;

import java.util.Arrays;
import java.util.List;
import org.citycard.cardlink.ApduTransport;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeyDefinition;
import org.citycard.dictionary.crypto.KeySet;

/**
 * Personalises a terminal's PSAM (CARD-SPEC §3, §4.5): the purchase and maintenance master keys (PSAM_MPK,
 * PSAM_MAMK: the PSAM derives each card's DPK and block key itself), the terminal ID it serves and the issuer whose
 * cards it accepts; files read back and compared, then END PERSONALIZATION.
 */
public final class PsamPersonaliser {
    public static final List<String> PSAM_KEYS = List.of("PSAM_MPK", "PSAM_MAMK");

    private final Dictionary dict;
    private final KeySet keys;
    private final CardCommands commands;
    private final CardCrypto crypto = CardCrypto.of(Algorithm.TDES);

    public PsamPersonaliser(Dictionary dict, KeySet keys) {
        this.dict = dict;
        this.keys = keys;
        this.commands = new CardCommands(dict);
    }

    /** Personalises a blank PSAM for a terminal; returns the number of files verified. */
    public int personalise(ApduTransport transport, String terminalId) {
        CardLink link = new CardLink(transport);
        List<FileImage> files = new CardImages(dict).psam(terminalId);
        byte[] tk = keys.key("TK");
        try {
            link.send("psam: SELECT", commands.select(dict.application("psam").aidBytes()));
            byte[] challenge = link.send("psam: GET CHALLENGE", commands.getChallenge(8));
            CardLink.Response auth = link.exchange(
                    commands.externalAuthenticate(keyRef("TK"), crypto.externalAuthenticate(tk, challenge)));
            if (auth.sw() == 0x6985) {
                throw new CardAlreadyIssuedException(
                        "the PSAM in the reader is already personalised; insert a blank PSAM");
            }
            if (!auth.ok()) {
                throw new CardCommandException(
                        "psam: EXTERNAL AUTHENTICATE with the transport key", "external_authenticate", auth.sw());
            }
            for (String keyId : PSAM_KEYS) {
                KeyDefinition k = dict.keys().key(keyId).orElseThrow();
                byte[] master = keys.key(k.masterKey());
                try {
                    link.send(
                            "psam: PUT KEY " + keyId,
                            commands.putKey(
                                    keyRef(keyId),
                                    keys.keyVersion(),
                                    Algorithm.TDES.id(),
                                    crypto.encryptKey(tk, master)));
                } finally {
                    Arrays.fill(master, (byte) 0);
                }
            }
            for (FileImage f : files) {
                link.send("psam: UPDATE " + f.label(), commands.updateBinary(f.sfi(), 0, f.content()));
            }
            for (FileImage f : files) {
                byte[] read = link.send("psam: READ " + f.label(), commands.readBinary(f.sfi(), 0, f.content().length));
                if (!Arrays.equals(read, f.content())) {
                    throw new PersoVerificationException(f.label() + " read back differs from what was written");
                }
            }
            link.send("psam: END PERSONALIZATION", commands.endPersonalization());
            return files.size();
        } finally {
            Arrays.fill(tk, (byte) 0);
        }
    }

    private int keyRef(String keyId) {
        return Integer.parseInt(dict.keys().key(keyId).orElseThrow().keyId(), 16);
    }
}
