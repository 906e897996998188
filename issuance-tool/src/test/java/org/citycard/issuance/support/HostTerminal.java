package org.citycard.issuance.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.citycard.cardlink.ApduTransport;
import org.citycard.cardlink.perso.CardCommands;
import org.citycard.cardlink.perso.CardLink;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Bcd;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;

/**
 * A purchase terminal and a load host for tests, written from CARD-SPEC §4.1 and §4.2: the card and the PSAM talk
 * APDUs; the host side (load MAC2, TAC checks) is the dictionary's CardCrypto with the issuer's master keys.
 */
public final class HostTerminal {
    private final Dictionary dict = Dictionary.standard();
    private final CardCommands commands = new CardCommands(dict);
    private final CardCrypto crypto = CardCrypto.tdes();
    private final KeySet keys;
    private final String terminalId;

    public HostTerminal(KeySet keys, String terminalId) {
        this.keys = keys;
        this.terminalId = terminalId;
    }

    /** A purchase on the card with the PSAM; checks MAC2 at the PSAM and the TAC with DTK; returns the new balance. */
    public long purchase(ApduTransport card, ApduTransport psam, String asn, long fen) {
        CardLink c = new CardLink(card);
        CardLink p = new CardLink(psam);
        byte[] amount = Amounts.toBytes("amount", fen, 4);
        byte[] terminal = Bcd.encode("terminal_id", terminalId, 6);
        byte[] date = Bcd.encode("20261121", 4);
        byte[] time = Bcd.encode("083015", 3);
        p.send("select psam", commands.select(dict.application("psam").aidBytes()));
        byte[] fci =
                c.send("select purse", commands.select(dict.application("purse").aidBytes()));
        byte[] issuer = Arrays.copyOfRange(fci, fci.length - 30, fci.length - 22);
        byte[] asnBytes = Arrays.copyOfRange(fci, fci.length - 20, fci.length - 10);
        assertThat(Bcd.decode(asnBytes)).isEqualTo(asn);
        byte[] init = c.send(
                "INITIALIZE FOR PURCHASE",
                commands.build(
                        "initialize_for_purchase",
                        null,
                        null,
                        CardCrypto.concat(new byte[] {1}, amount, terminal),
                        0x0F));
        long balance = Amounts.fromBytes(init, 0, 4);
        byte[] seq = Arrays.copyOfRange(init, 4, 6);
        byte keyVersion = init[9];
        byte alg = init[10];
        byte[] random = Arrays.copyOfRange(init, 11, 15);
        byte[] samIn = CardCrypto.concat(
                random,
                seq,
                amount,
                new byte[] {0x06},
                date,
                time,
                new byte[] {keyVersion, alg},
                Arrays.copyOfRange(asnBytes, 2, 10),
                issuer);
        byte[] sam = p.send("INIT SAM FOR PURCHASE", commands.build("init_sam_for_purchase", null, null, samIn, 0x08));
        byte[] ttsn = Arrays.copyOf(sam, 4);
        byte[] mac1 = Arrays.copyOfRange(sam, 4, 8);
        byte[] debit = c.send(
                "DEBIT FOR PURCHASE",
                commands.build("debit_for_purchase", null, null, CardCrypto.concat(ttsn, date, time, mac1), 0x08));
        byte[] tac = Arrays.copyOf(debit, 4);
        byte[] mac2 = Arrays.copyOfRange(debit, 4, 8);
        p.send("CREDIT SAM FOR PURCHASE", commands.build("credit_sam_for_purchase", null, null, mac2, null));
        byte[] dtk = crypto.cardKey(keys.key("MTK"), asn);
        assertThat(HexFormat.of().formatHex(crypto.purchaseTac(dtk, amount, (byte) 0x06, terminal, ttsn, date, time)))
                .as("purchase TAC recomputed by the host with DTK")
                .isEqualTo(HexFormat.of().formatHex(tac));
        return balance - fen;
    }

    /** A load as a load terminal and the clearing host would do it; checks MAC1 and the TAC; returns the new balance. */
    public long load(ApduTransport card, String asn, long fen) {
        CardLink c = new CardLink(card);
        byte[] amount = Amounts.toBytes("amount", fen, 4);
        byte[] terminal = Bcd.encode("terminal_id", terminalId, 6);
        c.send("select purse", commands.select(dict.application("purse").aidBytes()));
        byte[] init = c.send("INITIALIZE FOR LOAD", commands.initializeForLoad((byte) 1, amount, terminal));
        byte[] balance = Arrays.copyOf(init, 4);
        byte[] onlineSeq = Arrays.copyOfRange(init, 4, 6);
        byte[] seslk =
                crypto.loadSessionKey(crypto.cardKey(keys.key("MLK"), asn), Arrays.copyOfRange(init, 8, 12), onlineSeq);
        assertThat(crypto.loadMac1(seslk, balance, amount, terminal))
                .as("load MAC1")
                .isEqualTo(Arrays.copyOfRange(init, 12, 16));
        byte[] date = Bcd.encode("20261121", 4);
        byte[] time = Bcd.encode("090000", 3);
        byte[] mac2 = crypto.loadMac2(seslk, amount, terminal, date, time);
        byte[] tac = c.send(
                "CREDIT FOR LOAD",
                commands.build("credit_for_load", null, null, CardCrypto.concat(date, time, mac2), 0x04));
        long newBalance = Amounts.fromBytes(balance, 0, 4) + fen;
        byte[] dtk = crypto.cardKey(keys.key("MTK"), asn);
        assertThat(crypto.loadTac(
                        dtk, Amounts.toBytes("balance", newBalance, 4), onlineSeq, amount, terminal, date, time))
                .as("load TAC recomputed by the host with DTK")
                .isEqualTo(tac);
        return newBalance;
    }

    public long balance(ApduTransport card) {
        CardLink c = new CardLink(card);
        c.send("select purse", commands.select(dict.application("purse").aidBytes()));
        return Amounts.fromBytes(c.send("GET BALANCE", commands.build("get_balance", null, null, null, 4)), 0, 4);
    }
}
