package org.citycard.cardlink.perso;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.CardCommand;

/**
 * Builds the command APDUs the issuance tool sends, with CLA, INS and the fixed P1 / P2 taken from the dictionary's
 * command set (apdu.yaml) by command id; the caller gives only what varies. Short APDUs (ISO 7816-4 cases 1 to 4).
 */
public final class CardCommands {
    private final Dictionary dict;

    public CardCommands(Dictionary dict) {
        this.dict = dict;
    }

    /** A command of the dictionary with its varying parts; null P1 / P2 use the dictionary's fixed values. */
    public Built build(String commandId, Integer p1, Integer p2, byte[] data, Integer le) {
        CardCommand c = dict.command(commandId);
        byte cla = c.claByte();
        byte ins = c.insByte();
        byte b1 = p1 != null ? (byte) (int) p1 : c.p1Byte();
        byte b2 = p2 != null ? (byte) (int) p2 : c.p2Byte();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(cla);
        out.write(ins);
        out.write(b1);
        out.write(b2);
        if (data != null && data.length > 0) {
            if (data.length > 255) {
                throw new IllegalArgumentException(commandId + ": " + data.length + " bytes do not fit a short APDU");
            }
            out.write(data.length);
            out.writeBytes(data);
        }
        if (le != null) {
            out.write(le & 0xFF);
        }
        return new Built(commandId, c.en(), out.toByteArray());
    }

    /** A command ready to send, with the dictionary's id and name for messages. */
    public record Built(String commandId, String name, byte[] bytes) {
        /** Header only (never the data, which may hold an encrypted key or PIN). */
        @Override
        public String toString() {
            return name + " " + HexFormat.of().withUpperCase().formatHex(Arrays.copyOf(bytes, 4));
        }
    }

    public Built select(byte[] aid) {
        return build("select", null, null, aid, le("select"));
    }

    public Built getChallenge(int length) {
        return build("get_challenge", null, null, null, length);
    }

    /** EXTERNAL AUTHENTICATE with the key of key reference {@code keyRef} (00 transport key, 07 DEAK). */
    public Built externalAuthenticate(int keyRef, byte[] cryptogram) {
        return build("external_authenticate", null, keyRef, cryptogram, null);
    }

    /** PUT KEY: version ‖ algorithm ‖ 3DES-ECB(TK, key). */
    /** INTERNAL AUTHENTICATE {@code 00 88 00 00 08 challenge 08} (SSSE, CARD-SPEC §4.6). */
    public Built internalAuthenticate(byte[] challenge) {
        return build("internal_authenticate", null, null, challenge, le("internal_authenticate"));
    }

    public Built putKey(int keyId, byte version, byte algorithm, byte[] encryptedKey) {
        byte[] data = new byte[2 + encryptedKey.length];
        data[0] = version;
        data[1] = algorithm;
        System.arraycopy(encryptedKey, 0, data, 2, encryptedKey.length);
        return build("put_key", null, keyId, data, null);
    }

    /**
     * The header and data of PUT KEY with secure messaging (issue 22, re-key): {@code 84 D4 00 keyId 16} ‖ version ‖
     * algorithm ‖ ECB(DAMK, key); the MAC of {@link #putKeySecure} is computed over these bytes.
     */
    public byte[] putKeySecureMacInput(int keyId, byte version, byte algorithm, byte[] encryptedKey) {
        CardCommand c = dict.command("put_key_sm");
        byte[] out = new byte[5 + 2 + encryptedKey.length];
        out[0] = c.claByte();
        out[1] = c.insByte();
        out[2] = c.p1Byte();
        out[3] = (byte) keyId;
        out[4] = (byte) (2 + encryptedKey.length + 4);
        out[5] = version;
        out[6] = algorithm;
        System.arraycopy(encryptedKey, 0, out, 7, encryptedKey.length);
        return out;
    }

    /** PUT KEY with secure messaging: version ‖ algorithm ‖ ECB(DAMK, key) ‖ MAC(DAMK). */
    public Built putKeySecure(int keyId, byte version, byte algorithm, byte[] encryptedKey, byte[] mac) {
        byte[] data = new byte[2 + encryptedKey.length + mac.length];
        data[0] = version;
        data[1] = algorithm;
        System.arraycopy(encryptedKey, 0, data, 2, encryptedKey.length);
        System.arraycopy(mac, 0, data, 2 + encryptedKey.length, mac.length);
        return build("put_key_sm", null, keyId, data, null);
    }

    /** PUT KEY with the PIN's key ID: try limit ‖ 3DES-ECB(TK, PIN block). */
    public Built putPin(int pinKeyId, int tryLimit, byte[] encryptedPinBlock) {
        byte[] data = new byte[1 + encryptedPinBlock.length];
        data[0] = (byte) tryLimit;
        System.arraycopy(encryptedPinBlock, 0, data, 1, encryptedPinBlock.length);
        return build("put_key", null, pinKeyId, data, null);
    }

    public Built updateBinary(int sfi, int offset, byte[] data) {
        return build("update_binary", 0x80 | sfi, offset, data, null);
    }

    /**
     * The part of UPDATE BINARY with secure messaging ({@code 04 D6}) its MAC is computed over: CLA ‖ INS ‖ P1 ‖ P2
     * ‖ Lc ‖ data, Lc counting the 4 MAC bytes (CARD-SPEC §4.4).
     */
    public byte[] updateBinarySmHeader(int sfi, int offset, byte[] data) {
        CardCommand c = dict.command("update_binary_sm");
        byte[] out = new byte[5 + data.length];
        out[0] = c.claByte();
        out[1] = c.insByte();
        out[2] = (byte) (0x80 | sfi);
        out[3] = (byte) offset;
        out[4] = (byte) (data.length + 4);
        System.arraycopy(data, 0, out, 5, data.length);
        return out;
    }

    /** UPDATE BINARY with secure messaging: data ‖ its MAC (DAMK) over {@link #updateBinarySmHeader}. */
    public Built updateBinarySm(int sfi, int offset, byte[] data, byte[] mac) {
        byte[] both = new byte[data.length + mac.length];
        System.arraycopy(data, 0, both, 0, data.length);
        System.arraycopy(mac, 0, both, data.length, mac.length);
        return build("update_binary_sm", 0x80 | sfi, offset, both, null);
    }

    public Built updateRecord(int sfi, int record, byte[] data) {
        return build("update_record", record, sfi << 3 | 4, data, null);
    }

    public Built readBinary(int sfi, int offset, int length) {
        return build("read_binary", 0x80 | sfi, offset, null, length);
    }

    /** READ RECORD; Le 00 reads the whole record. */
    public Built readRecord(int sfi, int record, int length) {
        return build("read_record", record, sfi << 3 | 4, null, length);
    }

    public Built endPersonalization() {
        return build("end_personalization", null, null, null, null);
    }

    public Built initializeForLoad(byte keyIndex, byte[] amount, byte[] terminalId) {
        byte[] data = new byte[11];
        data[0] = keyIndex;
        System.arraycopy(amount, 0, data, 1, 4);
        System.arraycopy(terminalId, 0, data, 5, 6);
        return build("initialize_for_load", null, null, data, le("initialize_for_load"));
    }

    /** RELOAD PIN: new PIN (BCD) ‖ MAC(DRPK, ICV = challenge ‖ 00000000, new PIN). */
    public Built reloadPin(byte[] pinBcd, byte[] mac) {
        byte[] data = new byte[pinBcd.length + mac.length];
        System.arraycopy(pinBcd, 0, data, 0, pinBcd.length);
        System.arraycopy(mac, 0, data, pinBcd.length, mac.length);
        return build("reload_pin", null, null, data, null);
    }

    /** APPLICATION BLOCK or CARD BLOCK: the header followed by its secure-messaging MAC. */
    public Built block(String commandId, byte[] mac) {
        return build(commandId, null, null, mac, null);
    }

    /** The header of a block command with Lc = 04, over which its MAC is computed (CARD-SPEC §4.3). */
    public byte[] blockHeader(String commandId) {
        CardCommand c = dict.command(commandId);
        return new byte[] {c.claByte(), c.insByte(), c.p1Byte(), c.p2Byte(), 0x04};
    }

    private Integer le(String commandId) {
        String le = dict.command(commandId).le();
        return le == null ? null : Integer.parseInt(le, 16);
    }
}
