package org.citycard.applet.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import org.citycard.applet.CardConstants;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.codec.Gb18030Text;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.record.LoadInitAnswer;

/**
 * Personalises citizen cards and PSAMs through APDUs, as the issuance tool does (CARD-SPEC §4.5): GET CHALLENGE +
 * EXTERNAL AUTHENTICATE with the transport key, plain UPDATE of every file, PUT KEY of every card key diversified
 * from the key set's master keys with the dictionary's {@link CardCrypto}, the PIN, END PERSONALIZATION. Works on any
 * {@link ApduTransport}: a {@link SimulatedCard} or a PC/SC channel. Keys and PINs never appear in its messages.
 */
public final class SimPersonaliser {
    private static final DateTimeFormatter BCD_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final byte SM_RECORD_MODE = 0x04;

    private final KeySet keys;
    private final byte[] transportKey;
    private final CardCrypto crypto = CardCrypto.tdes();
    private final Dictionary dict = Dictionary.standard();

    /** A personaliser with the key set's master keys and its transport key TK. */
    public SimPersonaliser(KeySet keys) {
        this(keys, keys.key("TK"));
    }

    /** A personaliser with the key set's master keys and another transport key (another production batch). */
    public SimPersonaliser(KeySet keys, byte[] transportKey) {
        this.keys = keys;
        this.transportKey = transportKey.clone();
    }

    /** The personaliser of the demo key set (DEMO ONLY keys of the dictionary). */
    public static SimPersonaliser demo() {
        return new SimPersonaliser(KeySet.demo());
    }

    /** A new simulated citizen card, installed with this personaliser's transport key and personalised. */
    public SimulatedCard newCitizenCard(CitizenProfile profile) {
        SimulatedCard card = SimulatedCard.citizen(transportKey);
        personaliseCitizen(card, profile);
        return card;
    }

    /** A new simulated PSAM, installed with this personaliser's transport key and personalised. */
    public SimulatedCard newPsam(PsamProfile profile) {
        SimulatedCard psam = SimulatedCard.psam(transportKey);
        personalisePsam(psam, profile);
        return psam;
    }

    /** Personalises the purse and the SSSE of a blank citizen card and ends their personalisation. */
    public void personaliseCitizen(ApduTransport card, CitizenProfile p) {
        personalisePurse(card, p);
        personaliseSsse(card, p);
    }

    /**
     * Personalises the purse of a citizen card from the start (EXTERNAL AUTHENTICATE, every key, file and the PIN)
     * and ends its personalisation. Works again on a purse whose personalisation was interrupted.
     */
    public void personalisePurse(ApduTransport card, CitizenProfile p) {
        Session purse = open(card, CardConstants.AID_PURSE, "purse");
        String asn = p.asn();
        purse.putKey(CardConstants.KEY_ID_DPK, cardKey("MPK", asn));
        purse.putKey(CardConstants.KEY_ID_DLK, cardKey("MLK", asn));
        purse.putKey(CardConstants.KEY_ID_DTK, cardKey("MTK", asn));
        purse.putKey(CardConstants.KEY_ID_DAMK, cardKey("MAMK", asn));
        purse.putKey(CardConstants.KEY_ID_DPUK, cardKey("MPUK", asn));
        purse.putKey(CardConstants.KEY_ID_DRPK, cardKey("MRPK", asn));
        purse.updateBinary(CardConstants.SFI_PURSE_SFI15, publicData(p));
        purse.updateBinary(CardConstants.SFI_PURSE_SFI16, holderData(p));
        for (int record = 1; record <= CardConstants.RECORD_COUNT_PURSE_SFI17; record++) {
            purse.updateRecord(CardConstants.SFI_PURSE_SFI17, record, departmentRecord(record));
        }
        purse.putPin(p.pin());
        purse.end();
    }

    /**
     * Personalises the SSSE of a citizen card from the start (EXTERNAL AUTHENTICATE, DAMK, DEAK, EF05, EF06, EF07)
     * and ends its personalisation. Works again on an SSSE whose personalisation was interrupted.
     */
    public void personaliseSsse(ApduTransport card, CitizenProfile p) {
        String asn = p.asn();
        Session ssse = open(card, CardConstants.AID_SSSE, "SSSE");
        ssse.putKey(CardConstants.KEY_ID_DAMK, cardKey("MAMK", asn));
        ssse.putKey(CardConstants.KEY_ID_DEAK, cardKey("MEAK", asn));
        byte first = CardConstants.TLV_FIRST_SSSE_EF05;
        byte[][] ef05 = {
            cardId(p),
            ascii(p.cardType(), CardConstants.LEN_CARD_TYPE),
            CardConstants.SPEC_VERSION,
            ascii(
                    dict.parameter("issuer_id").value().substring(0, CardConstants.LEN_INIT_INSTITUTION),
                    CardConstants.LEN_INIT_INSTITUTION),
            date(p.issueDate()),
            date(p.expiryDate()),
            ascii(p.cardNumber(), CardConstants.LEN_CARD_NUMBER)
        };
        for (int i = 0; i < ef05.length; i++) {
            ssse.updateRecord(CardConstants.SFI_SSSE_EF05, first + i, tlv(first + i, ef05[i]));
        }
        first = CardConstants.TLV_FIRST_SSSE_EF06;
        byte[][] ef06 = {
            ascii(p.citizenId(), CardConstants.LEN_SOCIAL_SECURITY_NUMBER),
            Gb18030Text.encodePadded("name", p.name(), CardConstants.LEN_NAME),
            ascii(p.sex(), CardConstants.LEN_SEX),
            Bcd.encode("ethnicity", p.ethnicity(), CardConstants.LEN_ETHNICITY),
            Bcd.encode("birthplace", p.birthplace(), CardConstants.LEN_BIRTHPLACE),
            date(p.birthDate())
        };
        for (int i = 0; i < ef06.length; i++) {
            ssse.updateRecord(CardConstants.SFI_SSSE_EF06, first + i, tlv(first + i, ef06[i]));
        }
        for (CitizenProfile.Insurance insurance : p.insurance()) {
            ssse.updateRecord(
                    CardConstants.SFI_SSSE_EF07, insuranceRecordNumber(insurance.type()), insuranceRecord(insurance));
        }
        ssse.end();
    }

    /** Personalises a blank PSAM (MPK, MAMK, terminal ID, issuer ID) and ends its personalisation. */
    public void personalisePsam(ApduTransport psam, PsamProfile p) {
        Session s = open(psam, CardConstants.AID_PSAM, "PSAM");
        s.putKey(CardConstants.KEY_ID_PSAM_MPK, keys.key("MPK"));
        s.putKey(CardConstants.KEY_ID_PSAM_MAMK, keys.key("MAMK"));
        s.updateBinary(CardConstants.SFI_PSAM_PSAM16, Bcd.encode("terminal_id", p.terminalId(), 6));
        s.updateBinary(CardConstants.SFI_PSAM_PSAM17, p.issuerId());
        s.end();
    }

    /**
     * Loads money onto an issued card as a load terminal and the clearing host together would (CARD-SPEC §4.2):
     * INITIALIZE FOR LOAD, MAC1 checked and MAC2 computed with the card's DLK from MLK, CREDIT FOR LOAD. For tests
     * and the demo; the real flow runs through the clearing server.
     *
     * @return the new balance in fen
     */
    public long load(ApduTransport card, String asn, long fen, String terminalId) {
        Apdu.check(card.transmit(Apdu.select(CardConstants.AID_PURSE)), "SELECT purse");
        byte[] amount = org.citycard.dictionary.codec.Amounts.toBytes("amount", fen, 4);
        byte[] terminal = Bcd.encode("terminal_id", terminalId, 6);
        byte[] init = Apdu.check(
                card.transmit(Apdu.command(
                        CardConstants.CLA_PROPRIETARY,
                        CardConstants.INS_INITIALIZE_FOR_LOAD,
                        CardConstants.P1_INITIALIZE_FOR_LOAD,
                        CardConstants.P2_INITIALIZE_FOR_LOAD,
                        CardCrypto.concat(new byte[] {CardConstants.CARD_KEY_INDEX}, amount, terminal),
                        CardConstants.LE_INITIALIZE_FOR_LOAD)),
                "INITIALIZE FOR LOAD");
        LoadInitAnswer answer = LoadInitAnswer.decode(init);
        byte[] seslk = crypto.loadSessionKey(cardKey("MLK", asn), answer.field("random"), answer.field("online_seq"));
        if (!Arrays.equals(crypto.loadMac1(seslk, answer.field("balance"), amount, terminal), answer.field("mac1"))) {
            throw new PersonalisationException(
                    "INITIALIZE FOR LOAD: the card's MAC1 does not verify with the key set's" + " MLK for ASN " + asn);
        }
        LocalDate today = LocalDate.now();
        byte[] dateTime = CardCrypto.concat(date(today), Bcd.encode("transaction_time", "120000", 3));
        byte[] mac2 = crypto.loadMac2(
                seslk, amount, terminal, Arrays.copyOf(dateTime, 4), Arrays.copyOfRange(dateTime, 4, 7));
        Apdu.check(
                card.transmit(Apdu.command(
                        CardConstants.CLA_PROPRIETARY,
                        CardConstants.INS_CREDIT_FOR_LOAD,
                        CardConstants.P1_CREDIT_FOR_LOAD,
                        CardConstants.P2_CREDIT_FOR_LOAD,
                        CardCrypto.concat(dateTime, mac2),
                        CardConstants.LE_CREDIT_FOR_LOAD)),
                "CREDIT FOR LOAD");
        return answer.balance() + fen;
    }

    // ------------------------------------------------------------------ file contents

    private byte[] cardKey(String masterKeyId, String asn) {
        return crypto.cardKey(keys.key(masterKeyId), asn);
    }

    private byte[] publicData(CitizenProfile p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HexFormat.of().parseHex(dict.parameter("issuer_id").value()));
        out.write(CardConstants.PURSE_APPLICATION_TYPE);
        out.write(CardConstants.PURSE_APPLICATION_VERSION);
        out.writeBytes(Bcd.encode("asn", p.asn(), CardConstants.LEN_ASN));
        out.writeBytes(date(p.issueDate()));
        out.writeBytes(date(p.expiryDate()));
        out.writeBytes(new byte[CardConstants.LEN_PURSE_SFI15_RESERVED]);
        return out.toByteArray();
    }

    private static byte[] holderData(CitizenProfile p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Gb18030Text.encodePadded("holder_name", p.name(), CardConstants.LEN_HOLDER_NAME));
        out.writeBytes(Bcd.encode("id_type", "00", CardConstants.LEN_ID_TYPE));
        out.writeBytes(ascii(p.citizenId(), CardConstants.LEN_HOLDER_ID_NUMBER));
        out.writeBytes(new byte[CardConstants.LEN_PURSE_SFI16_RESERVED]);
        return out.toByteArray();
    }

    /** An empty department record: the first category of the record (department-category table), then zeros. */
    private byte[] departmentRecord(int record) {
        byte[] data = new byte[CardConstants.RECORD_LENGTH_PURSE_SFI17];
        for (int i = 0; i < CardConstants.DEPARTMENT_CATEGORY_RECORDS.length; i++) {
            if (CardConstants.DEPARTMENT_CATEGORY_RECORDS[i] == record) {
                data[CardConstants.OFF_PURSE_SFI17_DEPARTMENT_CATEGORY] = CardConstants.DEPARTMENT_CATEGORY_CODES[i];
                return data;
            }
        }
        throw new IllegalStateException("the department-category table names no category for card record " + record);
    }

    private static byte[] cardId(CitizenProfile p) {
        return Arrays.copyOf(Bcd.encode("asn", p.asn(), CardConstants.LEN_ASN), CardConstants.LEN_CARD_ID);
    }

    private int insuranceRecordNumber(String type) {
        Code code = dict.codeTable("insurance-type")
                .find(type)
                .orElseThrow(() -> new IllegalArgumentException(
                        "insurance type: \"" + type + "\" is not in the insurance-type table"));
        return Integer.parseInt(code.attr("cardRecord"));
    }

    private static byte[] insuranceRecord(CitizenProfile.Insurance i) {
        return CardCrypto.concat(
                ascii(i.type(), CardConstants.LEN_INSURANCE_TYPE),
                ascii(i.status(), CardConstants.LEN_INSURANCE_STATUS),
                date(i.start()),
                Bcd.encode("insuring_region", i.region(), CardConstants.LEN_INSURING_REGION));
    }

    static byte[] date(LocalDate date) {
        return Bcd.encode("date", date.format(BCD_DATE), 4);
    }

    private static byte[] ascii(String value, int length) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        if (b.length != length) {
            throw new IllegalArgumentException(
                    "a text field of " + length + " characters got \"" + value + "\" (" + b.length + ")");
        }
        return b;
    }

    private static byte[] tlv(int tag, byte[] value) {
        return CardCrypto.concat(new byte[] {(byte) tag, (byte) value.length}, value);
    }

    // ------------------------------------------------------------------ APDU session of one applet

    private Session open(ApduTransport card, byte[] aid, String applet) {
        Session s = new Session(card, applet);
        s.send("SELECT " + applet, Apdu.select(aid));
        byte[] challenge = s.send(
                "GET CHALLENGE",
                Apdu.command(
                        CardConstants.CLA_ISO,
                        CardConstants.INS_GET_CHALLENGE,
                        CardConstants.P1_GET_CHALLENGE,
                        CardConstants.P2_GET_CHALLENGE,
                        null,
                        8));
        s.send(
                "EXTERNAL AUTHENTICATE",
                Apdu.command(
                        CardConstants.CLA_ISO,
                        CardConstants.INS_EXTERNAL_AUTHENTICATE,
                        CardConstants.P1_EXTERNAL_AUTHENTICATE,
                        CardConstants.KEY_ID_TK,
                        crypto.externalAuthenticate(transportKey, challenge),
                        -1));
        return s;
    }

    private final class Session {
        private final ApduTransport card;
        private final String applet;

        Session(ApduTransport card, String applet) {
            this.card = card;
            this.applet = applet;
        }

        byte[] send(String step, byte[] command) {
            return Apdu.check(card.transmit(command), applet + ": " + step);
        }

        void putKey(byte keyId, byte[] key) {
            send(
                    String.format("PUT KEY %02X", keyId),
                    Apdu.command(
                            CardConstants.CLA_PROPRIETARY,
                            CardConstants.INS_PUT_KEY,
                            CardConstants.P1_PUT_KEY,
                            keyId,
                            CardCrypto.concat(
                                    new byte[] {keys.keyVersion(), CardConstants.ALG_TDES},
                                    crypto.encryptKey(transportKey, key)),
                            -1));
        }

        void putPin(String pin) {
            send(
                    "PUT KEY 10 (PIN)",
                    Apdu.command(
                            CardConstants.CLA_PROPRIETARY,
                            CardConstants.INS_PUT_KEY,
                            CardConstants.P1_PUT_KEY,
                            CardConstants.KEY_ID_PIN,
                            CardCrypto.concat(
                                    new byte[] {(byte) CardConstants.PIN_TRY_LIMIT},
                                    crypto.encryptEcb(transportKey, CardCrypto.pinBlock(pin))),
                            -1));
        }

        void updateBinary(byte sfi, byte[] data) {
            send(
                    String.format("UPDATE BINARY SFI %02X", sfi),
                    Apdu.command(
                            CardConstants.CLA_ISO,
                            CardConstants.INS_UPDATE_BINARY,
                            (byte) (0x80 | sfi),
                            (byte) 0,
                            data,
                            -1));
        }

        void updateRecord(byte sfi, int record, byte[] data) {
            send(
                    String.format("UPDATE RECORD %02X SFI %02X", record, sfi),
                    Apdu.command(
                            CardConstants.CLA_ISO,
                            CardConstants.INS_UPDATE_RECORD,
                            (byte) record,
                            (byte) (sfi << 3 | SM_RECORD_MODE),
                            data,
                            -1));
        }

        void end() {
            send(
                    "END PERSONALIZATION",
                    Apdu.command(
                            CardConstants.CLA_PROPRIETARY,
                            CardConstants.INS_END_PERSONALIZATION,
                            CardConstants.P1_END_PERSONALIZATION,
                            CardConstants.P2_END_PERSONALIZATION,
                            null,
                            -1));
        }
    }

    /** A step of personalisation the card refused, with its status word. Never carries a key or a PIN. */
    public static final class PersonalisationException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public PersonalisationException(String message) {
            super(message);
        }
    }
}
