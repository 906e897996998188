package org.citycard.clearing.dashboard;

import java.time.LocalDate;
import java.util.List;
import org.citycard.clearing.support.BusinessCalendar;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.Dictionary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What the dashboard shows, read from the purchase sub-ledger and the quarantine. */
@Service
public class DashboardQueries {
    private static final CodeTable REASONS = Dictionary.standard().codeTable("quarantine-reason");

    private final JdbcClient jdbc;
    private final BusinessCalendar calendar;

    public DashboardQueries(JdbcClient jdbc, BusinessCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    public record DepartmentDay(String businessDate, String departmentCode, long count, long amount) {}

    /**
     * @param today the current (open) business day
     * @param lastDayWithData the latest business day with accepted purchases, or null: the page's "today"
     */
    public record Volumes(
            String today,
            String lastDayWithData,
            List<String> days,
            List<Department> departments,
            List<DepartmentDay> rows) {}

    /** The quarantine list's filters: open (waiting or for staff, the default), released, repeat, all. */
    public static final java.util.Map<String, List<String>> QUARANTINE_FILTERS = java.util.Map.of(
            "open", List.of("HELD", "QUARANTINED"),
            "released", List.of("RELEASED"),
            "repeat", List.of("REPEAT"),
            "all", List.of("HELD", "QUARANTINED", "RELEASED", "REPEAT"));

    public record Department(String code, String name) {}

    /** As {@link #volumes(int, String)} up to the current business day. */
    public Volumes volumes(int days) {
        return volumes(days, null);
    }

    /**
     * Accepted purchases per business day and department, for the {@code days} days up to {@code to} (null: the
     * current business day).
     */
    public Volumes volumes(int days, String to) {
        String current = calendar.currentBusinessDate();
        String today = to == null ? current : to;
        LocalDate end = LocalDate.parse(today, BusinessCalendar.YYYYMMDD);
        List<String> dates = java.util.stream.IntStream.range(0, days)
                .mapToObj(i -> end.minusDays(days - 1L - i).format(BusinessCalendar.YYYYMMDD))
                .toList();
        List<DepartmentDay> rows = jdbc.sql("SELECT business_date, department_code, COUNT(*) AS n, SUM(amount) AS a"
                        + " FROM purchase WHERE business_date BETWEEN ? AND ? GROUP BY business_date, department_code"
                        + " ORDER BY business_date, department_code")
                .params(dates.get(0), today)
                .query((rs, i) -> new DepartmentDay(
                        rs.getString("business_date"),
                        rs.getString("department_code"),
                        rs.getLong("n"),
                        rs.getLong("a")))
                .list();
        List<Department> departments = jdbc.sql("SELECT code, name FROM department ORDER BY code")
                .query((rs, i) -> new Department(rs.getString("code"), rs.getString("name")))
                .list();
        String last = jdbc.sql("SELECT MAX(business_date) FROM purchase WHERE business_date <= ?")
                .param(current)
                .query(String.class)
                .optional()
                .orElse(null);
        return new Volumes(current, last, dates, departments, rows);
    }

    public record QuarantineRow(
            long id,
            String reason,
            String reasonZh,
            String reasonEn,
            String status,
            String detail,
            String asn,
            String terminalId,
            Long amount,
            String businessDate) {}

    /** The newest quarantine entries with their reasons. */
    public List<QuarantineRow> quarantine(int limit) {
        return quarantine(limit, QUARANTINE_FILTERS.get("all"));
    }

    /** The newest quarantine entries in these statuses. */
    public List<QuarantineRow> quarantine(int limit, List<String> statuses) {
        String in = String.join(",", java.util.Collections.nCopies(statuses.size(), "?"));
        List<Object> params = new java.util.ArrayList<>(statuses);
        params.add(limit);
        return jdbc.sql("SELECT id, reason, status, detail, asn, terminal_id, amount, business_date FROM quarantine"
                        + " WHERE status IN (" + in + ") ORDER BY id DESC OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")
                .params(params)
                .query((rs, i) -> {
                    String reason = rs.getString("reason");
                    var code = REASONS.find(reason);
                    long amount = rs.getLong("amount");
                    Long amountOrNull = rs.wasNull() ? null : amount;
                    return new QuarantineRow(
                            rs.getLong("id"),
                            reason,
                            code.map(c -> c.zh()).orElse(reason),
                            code.map(c -> c.en()).orElse(reason),
                            rs.getString("status"),
                            rs.getString("detail"),
                            rs.getString("asn"),
                            rs.getString("terminal_id"),
                            amountOrNull,
                            rs.getString("business_date"));
                })
                .list();
    }
}
