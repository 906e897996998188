package org.citycard.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citycard.applet.CardFixture.apdu;
import static org.citycard.applet.CardFixture.concat;
import static org.citycard.applet.CardFixture.h;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.card.StatusWord;
import org.citycard.dictionary.crypto.Algorithm;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated APDUs against each issued applet, seeded and reproducible; the count per applet comes from
 * {@code -Dcitycard.fuzz.apdus} (default 3000). Every answer must be a status word of the dictionary (an escaped
 * exception shows as 6F00 or a foreign reason code), and afterwards nothing that needs authentication has changed:
 * balance, counters, log, files, keys (a full purchase and load still verify with the host crypto), life cycle.
 */
class FuzzTest {
    private static final int APDUS = Integer.getInteger("citycard.fuzz.apdus", 3000);
    private static final Dictionary DICT = Dictionary.standard();
    private static final byte[] CLAS = {0x00, 0x04, (byte) 0x80, (byte) 0x84};

    @Test
    void purse_randomAndMutatedApdus_answerStatusWordsAndChangeNothingWithoutAuthentication() {
        CardFixture f = CardFixture.issuedWithBalance(5000);
        f.purchase(123);
        Snapshot before = Snapshot.of(f);

        Map<String, Integer> seen = fuzz(f.card, "purse", CardConstants.AID_PURSE, 0xC1C1_0001L);

        Snapshot after = Snapshot.of(f);
        assertThat(after).isEqualTo(before);
        assertKeysStillWork(f);
        System.out.println("fuzz purse: " + APDUS + " APDUs, status words " + seen);
    }

    @Test
    void sm4Purse_randomAndMutatedApdus_answerStatusWordsAndChangeNothingWithoutAuthentication() {
        CardFixture f = CardFixture.issuedWithBalance(Algorithm.SM4, 5000);
        f.purchase(123);
        Snapshot before = Snapshot.of(f);

        Map<String, Integer> seen = fuzz(f.card, "purse", CardConstants.AID_PURSE, 0xC1C1_0004L);

        assertThat(Snapshot.of(f)).isEqualTo(before);
        assertKeysStillWork(f);
        System.out.println("fuzz purse (SM4 card): " + APDUS + " APDUs, status words " + seen);
    }

    @Test
    void sm4Ssse_randomAndMutatedApdus_answerStatusWordsAndChangeNothingWithoutAuthentication() {
        CardFixture f = CardFixture.issuedWithBalance(Algorithm.SM4, 5000);
        Snapshot before = Snapshot.of(f);

        Map<String, Integer> seen = fuzz(f.card, "ssse", CardConstants.AID_SSSE, 0xC1C1_0005L);

        assertThat(Snapshot.of(f)).isEqualTo(before);
        assertKeysStillWork(f);
        System.out.println("fuzz ssse (SM4 card): " + APDUS + " APDUs, status words " + seen);
    }

    @Test
    void ssse_randomAndMutatedApdus_answerStatusWordsAndChangeNothingWithoutAuthentication() {
        CardFixture f = CardFixture.issuedWithBalance(5000);
        Snapshot before = Snapshot.of(f);

        Map<String, Integer> seen = fuzz(f.card, "ssse", CardConstants.AID_SSSE, 0xC1C1_0002L);

        assertThat(Snapshot.of(f)).isEqualTo(before);
        assertKeysStillWork(f);
        System.out.println("fuzz ssse: " + APDUS + " APDUs, status words " + seen);
    }

    @Test
    void psam_randomAndMutatedApdus_answerStatusWordsAndChangeNothingWithoutAuthentication() {
        CardFixture f = CardFixture.issuedWithBalance(5000);
        f.selectPsam();
        String terminal = f.psam("00B0960000").hex();
        String issuer = f.psam("00B0970000").hex();

        Map<String, Integer> seen = fuzz(f.psam, "psam", CardConstants.AID_PSAM, 0xC1C1_0003L);

        f.selectPsam();
        assertThat(f.psam("00B0960000").hex()).isEqualTo(terminal);
        assertThat(f.psam("00B0970000").hex()).isEqualTo(issuer);
        assertKeysStillWork(f);
        System.out.println("fuzz psam: " + APDUS + " APDUs, status words " + seen);
    }

    /** Sends {@link #APDUS} commands to the card; returns how often each status word came back. */
    private static Map<String, Integer> fuzz(SimulatedCard card, String application, byte[] aid, long seed) {
        Random random = new Random(seed);
        List<byte[]> templates = templates(application);
        List<byte[]> setups = setups(application);
        Map<String, Integer> seen = new TreeMap<>();
        card.transmit(apdu(0x00, 0xA4, 0x04, 0x00, aid, 0));
        for (int i = 0; i < APDUS; i++) {
            int kind = random.nextInt(10);
            byte[] command;
            if (kind < 3) {
                command = randomApdu(random);
            } else if (kind < 9) {
                command = mutate(templates.get(random.nextInt(templates.size())), random);
            } else {
                command = templates.get(random.nextInt(templates.size())).clone();
            }
            if (random.nextInt(50) == 0) {
                card.reset();
                card.transmit(apdu(0x00, 0xA4, 0x04, 0x00, aid, 0));
            }
            if (random.nextInt(3) == 0) {
                // a valid first step (a challenge, a session, a verified PIN) so the mutant reaches deeper code
                card.transmit(setups.get(random.nextInt(setups.size())));
            }
            byte[] response = card.transmit(command);
            int sw = (response[response.length - 2] & 0xFF) << 8 | response[response.length - 1] & 0xFF;
            String hex = String.format("%04X", sw);
            assertThat(isDictionaryStatusWord(sw))
                    .as(
                            "seed %x, APDU #%d %s answered %s",
                            seed, i, HexFormat.of().formatHex(command), hex)
                    .isTrue();
            seen.merge(hex.startsWith("63C") ? "63Cx" : hex, 1, Integer::sum);
        }
        return seen;
    }

    private static boolean isDictionaryStatusWord(int sw) {
        if (sw == 0x6F00) {
            return false; // jCardSim's answer to an exception that escaped the applet
        }
        for (StatusWord s : DICT.statusWords().values()) {
            if (s.matches(sw)) {
                return true;
            }
        }
        return false;
    }

    /** One well-formed command per dictionary command of the application, with random data of the right size. */
    private static List<byte[]> templates(String application) {
        Random r = new Random(application.hashCode());
        List<byte[]> out = new ArrayList<>();
        for (CardCommand c : DICT.commands().values()) {
            if (!c.applications().contains(application)) {
                continue;
            }
            int lc = c.lc() != null ? Integer.parseInt(c.lc(), 16) : 2 + r.nextInt(20);
            if (c.id().equals("get_challenge") || c.id().equals("get_balance") || c.id().startsWith("read_")) {
                lc = 0;
            }
            byte[] data = new byte[lc];
            r.nextBytes(data);
            int p1 = c.p1() != null ? c.p1Byte() & 0xFF : r.nextInt(8);
            int p2 = c.p2() != null ? c.p2Byte() & 0xFF : r.nextInt(0x100);
            int le = c.le() != null ? Integer.parseInt(c.le(), 16) : -1;
            out.add(apdu(c.claByte() & 0xFF, c.insByte() & 0xFF, p1, p2, data, le));
        }
        out.add(h("00B2072C00"));
        out.add(h("00B0950000"));
        out.add(h("0020000003123456"));
        out.add(concat(h("0020000003"), h("654321")));
        return out;
    }

    /** Valid commands that open a state the next command can use. */
    private static List<byte[]> setups(String application) {
        byte[] initData = concat(h("01"), CardFixture.amount(1), CardFixture.TERMINAL_BCD);
        List<byte[]> out = new ArrayList<>(List.of(h("0084000004"), h("0084000008")));
        switch (application) {
            case "purse" -> {
                out.add(apdu(0x80, 0x50, 0x01, 0x02, initData, 15));
                out.add(apdu(0x80, 0x50, 0x03, 0x02, initData, 15));
                out.add(apdu(0x80, 0x50, 0x00, 0x02, initData, 16));
                out.add(h("0020000003123456"));
            }
            case "ssse" -> {
                out.add(h("0020000003123456"));
                out.add(h("00A4020002EF07"));
            }
            default -> out.add(apdu(
                    0x80,
                    0x70,
                    0,
                    0,
                    concat(
                            h("1122334400010000000106202611210830150100"),
                            org.citycard.dictionary.crypto.CardCrypto.asnDiversifier(CardFixture.ASN),
                            org.citycard.applet.sim.PsamProfile.demoIssuerId()),
                    8));
        }
        return out;
    }

    private static byte[] randomApdu(Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(r.nextInt(4) != 0 ? CLAS[r.nextInt(CLAS.length)] : r.nextInt(0x100));
        out.write(r.nextInt(0x100));
        out.write(r.nextInt(0x100));
        out.write(r.nextInt(0x100));
        switch (r.nextInt(4)) {
            case 0 -> {
                // case 1
            }
            case 1 -> out.write(r.nextInt(0x100)); // case 2
            default -> {
                int lc = 1 + r.nextInt(r.nextBoolean() ? 16 : 255);
                out.write(lc);
                byte[] data = new byte[lc];
                r.nextBytes(data);
                out.writeBytes(data);
                if (r.nextBoolean() && lc < 255) {
                    out.write(r.nextInt(0x100)); // case 4 (jCardSim's 260-byte buffer has no room for Le after 255)
                }
            }
        }
        return out.toByteArray();
    }

    /** Changes one to three things of a well-formed command: a header byte, Lc, a data byte, Le. */
    private static byte[] mutate(byte[] template, Random r) {
        byte[] c = template.clone();
        int changes = 1 + r.nextInt(3);
        for (int i = 0; i < changes; i++) {
            switch (r.nextInt(6)) {
                case 0 -> c[0] = r.nextInt(4) != 0 ? CLAS[r.nextInt(CLAS.length)] : (byte) r.nextInt(0x100);
                case 1, 2 -> c[2 + r.nextInt(2)] = (byte) r.nextInt(0x100);
                case 3 -> {
                    if (c.length > 5) {
                        c[5 + r.nextInt(c.length - 5)] ^= (byte) (1 + r.nextInt(0xFF));
                    }
                }
                case 4 -> c = resize(c, r);
                default -> c[1] = (byte) r.nextInt(0x100);
            }
        }
        return c;
    }

    /** A data field one byte shorter or longer (Lc follows), or the Le byte dropped / added. */
    private static byte[] resize(byte[] c, Random r) {
        if (c.length <= 5) {
            return c.length == 4 ? concat(c, new byte[] {(byte) r.nextInt(0x100)}) : Arrays.copyOf(c, 4);
        }
        int lc = c[4] & 0xFF;
        byte[] data = Arrays.copyOfRange(c, 5, Math.min(5 + lc, c.length));
        byte[] newData = r.nextBoolean() && data.length > 1
                ? Arrays.copyOf(data, data.length - 1)
                : concat(data, new byte[] {(byte) r.nextInt(0x100)});
        return concat(Arrays.copyOf(c, 4), new byte[] {(byte) newData.length}, newData);
    }

    /** A purchase and a load still verify with the host crypto, and the PSAM still computes block MACs. */
    private static void assertKeysStillWork(CardFixture f) {
        f.card.reset();
        f.psam.reset();
        f.selectPurse();
        long balance = f.balance();
        CardFixture.Purchase p = f.purchase(1);
        assertThat(p.debit().sw()).isEqualTo(0x9000);
        assertThat(p.samCredit().sw()).isEqualTo(0x9000);
        assertThat(f.load(1, true).credit().sw()).isEqualTo(0x9000);
        assertThat(f.balance()).isEqualTo(balance);
        f.selectSsse();
        byte[] record = concat(h("0709"), "B12345678".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(f.cardSecureMessaging(0x04, 0xDC, 0x07, 0x2C, record, f.key("MAMK"))
                        .sw())
                .as("DAMK of the SSSE")
                .isEqualTo(0x9000);
    }

    /** What only authenticated commands may change, read back from the card. */
    private record Snapshot(String select, String ssseSelect, long balance, String counters, String log, String files) {
        static Snapshot of(CardFixture f) {
            f.card.reset();
            String select = f.selectPurse().toString();
            long balance = f.balance();
            Response init = f.card(
                    apdu(0x80, 0x50, 0x01, 0x02, concat(h("01"), CardFixture.amount(1), CardFixture.TERMINAL_BCD), 15));
            Response load = f.card(
                    apdu(0x80, 0x50, 0x00, 0x02, concat(h("01"), CardFixture.amount(1), CardFixture.TERMINAL_BCD), 16));
            String counters = init.hex().substring(8, 12) + load.hex().substring(8, 12);
            StringBuilder log = new StringBuilder();
            for (int i = 1; i <= 10; i++) {
                log.append(f.card(apdu(0x00, 0xB2, i, 0xC4, null, 0))).append('|');
            }
            StringBuilder files = new StringBuilder();
            files.append(f.card("00B0950000")).append('|');
            for (int i = 1; i <= 6; i++) {
                files.append(f.card(apdu(0x00, 0xB2, i, 0xBC, null, 0))).append('|');
            }
            String ssseSelect = f.selectSsse().toString();
            // PIN-protected contents, read after terminal authentication (the PIN may have been blocked by the fuzz)
            byte[] challenge = f.challenge(8);
            f.card(apdu(0x00, 0x82, 0x00, 0x07, f.crypto.externalAuthenticate(f.key("MEAK"), challenge), -1));
            for (int sfi = 5; sfi <= 7; sfi++) {
                for (int rec = 1; rec <= 13; rec++) {
                    files.append(f.card(apdu(0x00, 0xB2, rec, sfi << 3 | 4, null, 0)))
                            .append('|');
                }
            }
            f.card.reset();
            return new Snapshot(select, ssseSelect, balance, counters, log.toString(), files.toString());
        }
    }
}
