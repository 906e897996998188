package org.citycard.system.city;

import java.util.List;
import java.util.Map;
import org.citycard.system.city.CityDay.Outcome;
import org.citycard.system.city.DayBook.Tally;
import org.citycard.system.city.DaySummary.Check;
import org.citycard.system.city.DaySummary.DepartmentLine;

/** The summary as the demo prints it (and writes to {@code summary.txt} in the data directory). */
public final class SummaryReport {
    private static final String RULE = "═".repeat(100);

    private SummaryReport() {}

    public static String render(DaySummary s) {
        Outcome o = s.outcome();
        DayBook b = o.book();
        StringBuilder out = new StringBuilder();
        line(out, RULE);
        line(
                out,
                " CityCard demo — business day " + String.join(", ", o.businessDates()) + " · "
                        + o.cards().size() + " citizens · " + o.terminals().size() + " terminals · seed "
                        + o.config().seed());
        line(out, RULE);
        CardCentre.Enrolment e = o.enrolment();
        row(
                out,
                "Cards issued",
                o.cards().size() + " (" + e.enrolled() + " applicants enrolled; comparison with the"
                        + " population registry: " + e.verified() + " verified, "
                        + e.flagged().size() + " flagged "
                        + e.flagged() + ", rejected by the reviewer)");
        row(out, "Cards by algorithm", s.cardsByAlgorithm().toString() + " (one batch of each, CARD-SPEC §3, §7)");
        row(out, "Terminals", terminals(o));
        row(
                out,
                "Taps",
                b.taps() + " (" + o.plan().taps().size() + " planned at kiosks and department terminals,"
                        + " loads at the counter, second taps after tears, the lost card)");
        Tally loads = b.loads();
        row(
                out,
                "Loads",
                loads.count() + " · " + Money.yuan(loads.amount()) + " CNY (online over ISO 8583: 0100 → MAC2"
                        + " → CREDIT FOR LOAD → 0220 with the TAC)");
        line(out, "");
        line(out, "Transactions by department (server ledger | receipts the citizens hold)");
        line(
                out,
                String.format(
                        "  %-4s  %s %6s %12s %9s %12s   %s",
                        "code", pad("department", 26), "count", "gross", "fee", "net", "receipts"));
        long[] total = new long[4];
        for (DepartmentLine d : s.departments()) {
            line(
                    out,
                    String.format(
                            "  %-4s  %s %6d %12s %9s %12s   %d · %s",
                            d.code(),
                            pad(d.name(), 26),
                            d.count(),
                            Money.yuan(d.gross()),
                            Money.yuan(d.fee()),
                            Money.yuan(d.net()),
                            d.receipts().count(),
                            Money.yuan(d.receipts().amount())));
            total[0] += d.count();
            total[1] += d.gross();
            total[2] += d.fee();
            total[3] += d.net();
        }
        line(
                out,
                String.format(
                        "  %-4s  %s %6d %12s %9s %12s",
                        "",
                        pad("total", 26),
                        total[0],
                        Money.yuan(total[1]),
                        Money.yuan(total[2]),
                        Money.yuan(total[3])));
        line(out, "");
        row(
                out,
                "Torn taps",
                (b.provenAfterLoss() + b.voidedAndPaidAgain()) + " cards pulled away at DEBIT FOR PURCHASE: "
                        + b.provenAfterLoss() + " after the debit (answer lost; proven by GET TRANSACTION PROVE on the"
                        + " next tap), " + b.voidedAndPaidAgain() + " before it (voided on 9406, paid again)");
        CardCentre.IssuedCard lost = o.cards().get(o.plan().lostCard());
        row(
                out,
                "Lost card",
                lost.maskedAsn() + " reported lost at the card centre (hotlist), then blocked by a"
                        + " terminal with its PSAM's block MAC (" + b.blockedAtTerminal() + ") and refused as blocked ("
                        + b.refusedAsBlocked() + ")");
        row(
                out,
                "Queries",
                b.balanceQueries() + " balance queries (" + b.balanceMismatches() + " disagreeing with the receipts), "
                        + b.identityQueries() + " identity queries with the PIN (SSSE)");
        Map<String, String> names = DaySummary.reasonNames();
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, Long> en : s.quarantine().entrySet()) {
            if (en.getKey().endsWith(" RELEASED")) {
                continue;
            }
            String code = en.getKey().substring(0, 2);
            q.append(q.length() == 0 ? "" : " · ")
                    .append(en.getKey())
                    .append(" ")
                    .append(names.getOrDefault(code, ""))
                    .append(": ")
                    .append(en.getValue());
        }
        row(
                out,
                "Quarantine",
                (q.length() == 0 ? "none" : q) + "  (injected: a replay of "
                        + o.injection().terminalId() + "'s accepted purchase → "
                        + o.injection().replayResult() + ", a forgery → "
                        + o.injection().forgedResult() + ")");
        if (s.released() > 0) {
            row(
                    out,
                    "",
                    s.released() + " records reached the server before an earlier record of the same card from"
                            + " another terminal: held (Q3/Q4) and posted when it came");
        }
        settlement(out, o);
        line(out, "");
        line(out, "Checks");
        for (Check c : s.checks()) {
            line(out, "  " + (c.ok() ? "✓" : "✗") + " " + c.name() + " — " + c.detail());
        }
        line(out, "");
        row(out, "Data", o.config().dataDir().toAbsolutePath().normalize().toString());
        row(
                out,
                "Dashboard",
                "./citycard server --data-dir " + o.city().server().dataDir()
                        + "   then http://localhost:8080/dashboard/ (staff user admin, password in "
                        + o.city().server().dataDir().resolve(ClearingHost.DEMO_ADMIN_PASSWORD) + ")");
        row(out, "Time", o.seconds().get("total") + " s " + o.seconds());
        line(out, s.allHold() ? "All " + s.checks().size() + " checks hold." : "SOME CHECKS FAILED (above).");
        return out.toString();
    }

    private static void settlement(StringBuilder out, Outcome o) {
        if (o.dayClose().unavailable().isPresent()) {
            row(out, "Settlement", "NOT RUN: " + o.dayClose().unavailable().get());
            return;
        }
        for (DayClose.Closed c : o.closed()) {
            line(out, "");
            line(
                    out,
                    "Settlement of " + c.businessDate() + ": " + c.purchaseCount() + " purchases, gross "
                            + Money.yuan(c.gross()) + ", fee " + Money.yuan(c.fee()) + ", net " + Money.yuan(c.net()));
            for (DayClose.Closed.Settlement d : c.departments()) {
                line(
                        out,
                        String.format(
                                "  %-4s  %6d %12s %9s %12s  paid through bank %s",
                                d.department(),
                                d.count(),
                                Money.yuan(d.gross()),
                                Money.yuan(d.fee()),
                                Money.yuan(d.net()),
                                d.bankCode()));
            }
            for (DayClose.Closed.BankFile f : c.files()) {
                line(
                        out,
                        "  bank " + f.bankCode() + " " + f.bankName() + ": " + f.transactions() + " payments, "
                                + Money.yuan(f.total()) + " CNY, " + f.folder());
                for (java.nio.file.Path p : f.files()) {
                    line(out, "      " + p.getFileName());
                }
            }
        }
        for (DayClose.Status st : o.bankStatus()) {
            row(
                    out,
                    "Bank status",
                    st.report() + ": " + st.accepted() + " accepted, " + st.rejected() + " rejected"
                            + (st.detail().isEmpty() ? "" : " (" + st.detail() + ")"));
        }
    }

    private static String terminals(Outcome o) {
        StringBuilder sb = new StringBuilder();
        for (CityTerminal t : o.terminals()) {
            sb.append(sb.length() == 0 ? "" : ", ")
                    .append(t.terminalId())
                    .append(" ")
                    .append(t.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" ")
                    .append(t.department());
        }
        return sb.toString();
    }

    /** Pads to a width in terminal columns: Chinese characters take two. */
    static String pad(String s, int columns) {
        int width = s.codePoints()
                .map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 2 : 1)
                .sum();
        return s + " ".repeat(Math.max(0, columns - width));
    }

    private static void row(StringBuilder out, String label, Object text) {
        line(out, String.format("%-12s %s", label, text));
    }

    private static void line(StringBuilder out, String s) {
        out.append(s).append(System.lineSeparator());
    }

    static List<String> lines(String text) {
        return List.of(text.split("\\R"));
    }
}
