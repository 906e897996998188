package org.citycard.applet.tearing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citycard.applet.CardConstants;
import org.citycard.applet.sim.CitizenProfile;
import org.citycard.applet.sim.PsamProfile;
import org.citycard.applet.sim.SimPersonaliser;
import org.citycard.applet.tearing.TearableCard.CommandWrites;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeySet;

/**
 * The personalisation of a blank card (CARD-SPEC §4.5) as one tearable operation whose steps are its commands
 * (EXTERNAL AUTHENTICATE, each PUT KEY, each file write, END PERSONALIZATION), so a tear at every write is a tear at
 * every write of every step. After a tear the applet being personalised — and those after it — must still be in
 * PERSONALIZATION, those before it ISSUED; each applet still in PERSONALIZATION must take its personalisation
 * again from the start, and the card must then work: a load and a purchase go through (and the SSSE reads its
 * card number), or for a PSAM, a purchase through it.
 */
public final class PersonalisationOperation implements TearSweep.Operation<Map<String, String>> {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final String name;
    private final PurseTerminal terminal;
    private final Map<String, byte[]> applets;
    private final boolean psam;
    /** The algorithm of the citizen card (personalised, or used to check a PSAM). */
    private final Algorithm algorithm;
    /** The PSAM's algorithms; null for every one the key set has (the personaliser's default). */
    private final Set<Algorithm> psamAlgorithms;

    private final SimPersonaliser perso;
    private final CitizenProfile citizen = CitizenProfile.demo();

    private PersonalisationOperation(
            String name,
            PurseTerminal terminal,
            Map<String, byte[]> applets,
            boolean psam,
            Algorithm algorithm,
            Set<Algorithm> psamAlgorithms) {
        this.name = name;
        this.terminal = terminal;
        this.applets = applets;
        this.psam = psam;
        this.algorithm = algorithm;
        this.psamAlgorithms = psamAlgorithms;
        this.perso = SimPersonaliser.demo(algorithm);
    }

    /** The citizen card's personalisation: the purse, then the SSSE. */
    public static PersonalisationOperation citizenCard(TearableCard card) {
        return citizenCard(card, Algorithm.TDES);
    }

    /** The personalisation of a citizen card whose keys are of {@code algorithm}. */
    public static PersonalisationOperation citizenCard(TearableCard card, Algorithm algorithm) {
        Map<String, byte[]> applets = new LinkedHashMap<>();
        applets.put("purse", CardConstants.AID_PURSE);
        applets.put("SSSE", CardConstants.AID_SSSE);
        return new PersonalisationOperation(
                algorithm == Algorithm.TDES ? "personalisation" : "personalisation (" + algorithm + ")",
                PurseTerminal.demo(card, algorithm),
                applets,
                false,
                algorithm,
                null);
    }

    /** A PSAM's personalisation (the keys of both algorithms), checked with a 3DES card. */
    public static PersonalisationOperation psam(TearableCard psam) {
        return new PersonalisationOperation(
                "PSAM personalisation",
                new PurseTerminal(psam, null, CitizenProfile.demo(), KeySet.demo()),
                Map.of("PSAM", CardConstants.AID_PSAM),
                true,
                Algorithm.TDES,
                null);
    }

    /** The personalisation of a PSAM with the keys of {@code algorithm} only, checked with a card of it. */
    public static PersonalisationOperation psam(TearableCard psam, Algorithm algorithm) {
        return new PersonalisationOperation(
                "PSAM personalisation (" + algorithm + " only)",
                new PurseTerminal(psam, null, CitizenProfile.demo(), KeySet.demo(), algorithm),
                Map.of("PSAM", CardConstants.AID_PSAM),
                true,
                algorithm,
                EnumSet.of(algorithm));
    }

    private void personalisePsam(TearableCard card) {
        if (psamAlgorithms == null) {
            perso.personalisePsam(card, PsamProfile.demo());
        } else {
            perso.personalisePsam(card, PsamProfile.demo(), psamAlgorithms);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(TearableCard card) {
        if (psam) {
            personalisePsam(card);
        } else {
            perso.personaliseCitizen(card, citizen);
        }
    }

    /** The life cycle of each applet. */
    @Override
    public Map<String, String> observe(TearableCard card) {
        Map<String, String> states = new LinkedHashMap<>();
        applets.forEach((applet, aid) -> states.put(applet, PurseView.lifeCycle(terminal, aid)));
        return states;
    }

    @Override
    public List<String> check(
            Map<String, String> before, Map<String, String> after, Map<String, String> torn, TearableCard card) {
        List<String> problems = new ArrayList<>();
        CommandWrites tornCommand = card.tornCommand(); // null: the power went after the last write
        String tornApplet = tornCommand == null ? "no applet" : appletName(tornCommand.selectedAid());
        boolean beforeTorn = true;
        // card-link's personaliser proves DLK (INITIALIZE FOR LOAD) and DEAK (EXTERNAL AUTHENTICATE 07) after the
        // applet's END PERSONALIZATION: a tear there leaves that applet ISSUED, as it should
        boolean tornInKeyCheck = tornCommand != null && isKeyCheck(tornCommand.command());
        for (String applet : applets.keySet()) {
            beforeTorn &= !applet.equals(tornApplet);
            boolean issued = beforeTorn || (tornInKeyCheck && applet.equals(tornApplet));
            String expected = issued ? PurseView.ISSUED : PurseView.PERSONALIZATION;
            if (!expected.equals(torn.get(applet))) {
                problems.add("the " + applet + " is " + torn.get(applet) + " after a tear in the " + tornApplet
                        + "'s personalisation, not " + expected);
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            personaliseAgain(card, torn);
            String broken = psam ? purchaseThroughPsam(card) : loadAndPurchase(card);
            if (broken != null) {
                problems.add("personalised again, the card does not work: " + broken);
            }
        } catch (RuntimeException e) {
            problems.add("personalising again from the start failed: " + e.getMessage());
        }
        return problems;
    }

    /** INITIALIZE FOR LOAD (80 50 00 02) or terminal authentication with DEAK (00 82 00 07). */
    private static boolean isKeyCheck(byte[] c) {
        return c.length >= 4
                && ((c[0] == (byte) 0x80 && c[1] == 0x50 && c[3] == 0x02) || (c[1] == (byte) 0x82 && c[3] == 0x07));
    }

    private void personaliseAgain(TearableCard card, Map<String, String> torn) {
        if (psam) {
            if (PurseView.PERSONALIZATION.equals(torn.get("PSAM"))) {
                personalisePsam(card);
            }
            return;
        }
        if (PurseView.PERSONALIZATION.equals(torn.get("purse"))) {
            perso.personalisePurse(card, citizen);
        }
        if (PurseView.PERSONALIZATION.equals(torn.get("SSSE"))) {
            perso.personaliseSsse(card, citizen);
        }
    }

    /** Null when a load of 10.00 and a purchase of 1.00 go through and the SSSE reads its card number. */
    private String loadAndPurchase(TearableCard card) {
        perso.load(card, citizen.asn(), 1_000, PsamProfile.DEMO_TERMINAL_ID);
        CardAnswer debit = terminal.purchase(100);
        if (!debit.ok()) {
            return "DEBIT FOR PURCHASE answered " + debit.swHex();
        }
        terminal.selectPurse();
        CardAnswer balance = terminal.send(CardAnswer.command(0x80, 0x5C, 0x00, 0x02, null, 4));
        if (!balance.ok() || !HEX.formatHex(balance.data()).equals("00000384")) {
            return "GET BALANCE answered " + balance + " instead of 9.00 CNY";
        }
        terminal.select(CardConstants.AID_SSSE);
        CardAnswer cardNumber = terminal.send(CardAnswer.command(0x00, 0xB2, 0x07, 0x2C, null, 0));
        return cardNumber.ok() ? null : "READ RECORD of the SSSE card number answered " + cardNumber.swHex();
    }

    /** Null when a purchase on a new demo citizen card goes through with this PSAM, MAC2 accepted. */
    private String purchaseThroughPsam(TearableCard psamCard) {
        var citizenCard = perso.newCitizenCard(citizen);
        perso.load(citizenCard, citizen.asn(), 1_000, PsamProfile.DEMO_TERMINAL_ID);
        PurseTerminal t = new PurseTerminal(citizenCard, psamCard, citizen, KeySet.demo(), algorithm);
        CardAnswer debit = t.purchase(100);
        if (!debit.ok()) {
            return "DEBIT FOR PURCHASE answered " + debit.swHex();
        }
        return t.creditSam(debit.data(4, 8)) ? null : "the PSAM refused the card's MAC2";
    }

    private String appletName(String aid) {
        for (Map.Entry<String, byte[]> e : applets.entrySet()) {
            if (HEX.formatHex(e.getValue()).equals(aid)) {
                return e.getKey();
            }
        }
        return "no applet";
    }

    /** "purse PUT KEY 01", "SSSE UPDATE RECORD 07 SFI 05", "PSAM END PERSONALIZATION", …. */
    @Override
    public String step(CommandWrites c) {
        byte[] apdu = c.command();
        int p1 = apdu[2] & 0xFF;
        int p2 = apdu[3] & 0xFF;
        String command =
                switch (apdu[1] & 0xFF) {
                    case 0x82 -> "EXTERNAL AUTHENTICATE";
                    case 0xD4 -> p2 == (CardConstants.KEY_ID_PIN & 0xFF)
                            ? "PUT KEY 10 (PIN)"
                            : String.format("PUT KEY %02X", p2);
                    case 0xD6 -> String.format("UPDATE BINARY SFI %02X", p1 & 0x1F);
                    case 0xDC -> String.format("UPDATE RECORD %02X SFI %02X", p1, p2 >> 3);
                    case 0xE6 -> "END PERSONALIZATION";
                    default -> String.format("INS %02X", apdu[1] & 0xFF);
                };
        return appletName(c.selectedAid()) + " " + command;
    }
}
