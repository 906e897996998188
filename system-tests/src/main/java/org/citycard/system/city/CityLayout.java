package org.citycard.system.city;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.citycard.dictionary.crypto.Algorithm;

/**
 * Who is who in the demo city: the departments that accept the card (with the bank that holds each one's account
 * and its clearing fee), the banks the clearing centre pays through, and the terminals: one counter for loads,
 * then kiosks and department terminals in turn.
 */
public final class CityLayout {
    /** A bank the clearing centre pays departments through. */
    /**
     * @param manifestSignatures what the manifests of the bank's files are signed with (issue 16): ED25519, SM2 or
     *     ED25519,SM2
     */
    public record Bank(String code, String name, String bic, String settlementAccount, String manifestSignatures) {}

    /**
     * A department and what its purchases look like.
     *
     * @param compoundCategory the department category whose record on the card a purchase updates, or null for a
     *     plain purchase
     * @param payeePrefix the bill or ticket reference's prefix, or "" for none
     */
    public record Department(
            String code,
            String name,
            String en,
            String category,
            String bankCode,
            String account,
            int feeBp,
            long minFen,
            long maxFen,
            String compoundCategory,
            String payeePrefix) {
        public long amount(Random r) {
            long span = (maxFen - minFen) / 10;
            return minFen + (span <= 0 ? 0 : 10L * r.nextInt((int) span + 1));
        }
    }

    /**
     * A terminal of the city.
     *
     * @param keyAlgorithm the algorithm of its master and working keys (its PSAM holds the card keys of both)
     */
    public record TerminalSpec(String terminalId, CityTerminal.Kind kind, String department, Algorithm keyAlgorithm) {
        /** A terminal with 3DES keys. */
        public TerminalSpec(String terminalId, CityTerminal.Kind kind, String department) {
            this(terminalId, kind, department, Algorithm.TDES);
        }
    }

    public static final String ICBC = "102100099996";
    public static final String CCB = "105100000017";

    public static final List<Bank> BANKS = List.of(
            new Bank(ICBC, "中国工商银行", "ICBKCNBJXXX", "1001200000000000001", "ED25519"),
            new Bank(CCB, "中国建设银行", "PCBCCNBJXXX", "3105000000000000001", "ED25519,SM2"));

    public static final Department TRANSIT =
            new Department("0101", "市公交集团", "Transit", "01", ICBC, "1001201109000001111", 30, 200, 400, null, "");

    /** The smallest transit fare, as a rider's tap at a transit terminal asks it. */
    public static org.citycard.agent.purse.PurchaseRequest transitFare() {
        return new org.citycard.agent.purse.PurchaseRequest(
                TRANSIT.minFen(), TRANSIT.code(), "", TRANSIT.compoundCategory());
    }

    public static final Department WATER = new Department(
            "0201", "市自来水公司", "Water", "02", CCB, "3105017000000002222", 20, 2_000, 9_000, "02", "W2611-");
    public static final Department POWER = new Department(
            "0301", "市电力公司", "Power", "03", ICBC, "1001201109000003333", 20, 4_000, 15_000, "03", "E2611-");
    public static final Department HOSPITAL = new Department(
            "0501", "市第一人民医院", "Hospital", "05", CCB, "3105017000000005555", 10, 1_500, 8_000, "05", "REG-");
    public static final Department PHARMACY =
            new Department("0601", "仁心大药房", "Pharmacy", "06", ICBC, "1001201109000006666", 50, 800, 3_500, null, "");
    public static final Department LIBRARY =
            new Department("0701", "市图书馆", "Library", "07", CCB, "3105017000000007777", 0, 50, 500, null, "FINE-");
    public static final Department PARKING = new Department(
            "0801", "市停车管理公司", "Parking", "08", ICBC, "1001201109000008888", 40, 500, 1_500, "08", "PARK-");
    /** The card centre: it runs the counters and kiosks; loads are collected here, no purchase is paid to it. */
    public static final Department CARD_CENTRE =
            new Department("9901", "市民卡服务中心", "Card centre", "99", CCB, "3105017000000009999", 0, 0, 0, null, "");

    public static final List<Department> DEPARTMENTS =
            List.of(TRANSIT, WATER, POWER, HOSPITAL, PHARMACY, LIBRARY, PARKING, CARD_CENTRE);

    /** What kiosks take: bills of water, power and the hospital. */
    public static final List<Department> KIOSK_BILLS = List.of(WATER, POWER, HOSPITAL);

    /** The department terminals, in the order they are set up after the first kiosk. */
    private static final List<Department> WITH_TERMINALS = List.of(TRANSIT, HOSPITAL, PHARMACY, LIBRARY, PARKING);

    private CityLayout() {}

    /**
     * The counter (loads) and {@code agents} kiosks and department terminals: a kiosk first, then five departments.
     * The first transit terminal has SM4 master and working keys (a mixed city: the others 3DES).
     */
    public static List<TerminalSpec> terminals(int agents) {
        List<TerminalSpec> out = new ArrayList<>();
        out.add(new TerminalSpec(id(0, 1), CityTerminal.Kind.COUNTER, CARD_CENTRE.code()));
        int kiosks = 0;
        int depts = 0;
        for (int i = 0; i < agents; i++) {
            int slot = i % (WITH_TERMINALS.size() + 1);
            if (slot == 0) {
                out.add(new TerminalSpec(id(2, ++kiosks), CityTerminal.Kind.KIOSK, CARD_CENTRE.code()));
            } else {
                Department d = WITH_TERMINALS.get(slot - 1);
                boolean firstTransit = d == TRANSIT
                        && out.stream().noneMatch(t -> t.department().equals(d.code()));
                out.add(new TerminalSpec(
                        id(5, ++depts),
                        CityTerminal.Kind.DEPARTMENT,
                        d.code(),
                        firstTransit ? Algorithm.SM4 : Algorithm.TDES));
            }
        }
        return out;
    }

    private static String id(int kind, int n) {
        return String.format("31010%d%06d", kind, n);
    }

    public static Department department(String code) {
        return DEPARTMENTS.stream()
                .filter(d -> d.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no department " + code + " in the demo city"));
    }
}
