package org.citycard.clearing.support;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.citycard.clearing.config.CityCardProperties;
import org.springframework.stereotype.Component;

/**
 * Which business day an accepted record or load belongs to: the date in the configured zone, moved to the next
 * day after the cut-off, and past every day that is closed already (a late record goes to the next open day).
 */
@Component
public class BusinessCalendar {
    public static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");

    private final Clock clock;
    private final CityCardProperties.BusinessDay settings;
    private final ClosedDays closedDays;

    public BusinessCalendar(CityCardProperties properties, Clock clock, ClosedDays closedDays) {
        this.settings = properties.businessDay();
        this.clock = clock;
        this.closedDays = closedDays;
    }

    /** Now in the business zone. */
    public LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(settings.zone()));
    }

    /** The business date of something happening now, as YYYYMMDD: the first open day from the calendar day on. */
    public String currentBusinessDate() {
        LocalDate day = LocalDate.parse(businessDateOf(now()), YYYYMMDD);
        while (closedDays.isClosed(day.format(YYYYMMDD))) {
            day = day.plusDays(1);
        }
        return day.format(YYYYMMDD);
    }

    /** The calendar's business date of now, whether or not that day is closed already. */
    public String calendarBusinessDate() {
        return businessDateOf(now());
    }

    /**
     * The end of a business day: its cut-off (or the following midnight when the cut-off is midnight), in the
     * business zone.
     */
    public java.time.OffsetDateTime endOf(String yyyymmdd) {
        LocalDate day = LocalDate.parse(yyyymmdd, YYYYMMDD);
        LocalDateTime end = settings.cutoff().equals(java.time.LocalTime.MIDNIGHT)
                ? day.plusDays(1).atStartOfDay()
                : day.atTime(settings.cutoff());
        return end.atZone(settings.zone()).toOffsetDateTime();
    }

    /**
     * The creation time of a day's bank files: now, to the second, in the business zone. Taken at the first close
     * and kept with the day, so a rerun writes the same bytes; never a time that has not come yet (banks may refuse
     * a file created in the future).
     */
    public java.time.OffsetDateTime filesCreatedNow() {
        return java.time.ZonedDateTime.now(clock.withZone(settings.zone()))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toOffsetDateTime();
    }

    /** The business zone. */
    public java.time.ZoneId zone() {
        return settings.zone();
    }

    public String businessDateOf(LocalDateTime when) {
        LocalDate day = when.toLocalDate();
        if (!settings.cutoff().equals(java.time.LocalTime.MIDNIGHT)
                && !when.toLocalTime().isBefore(settings.cutoff())) {
            day = day.plusDays(1);
        }
        return day.format(YYYYMMDD);
    }

    /** The instant of a terminal's local date (YYYYMMDD) and time (hhmmss) in the business zone. */
    public java.time.Instant instantOf(String yyyymmdd, String hhmmss) {
        return LocalDateTime.of(LocalDate.parse(yyyymmdd, YYYYMMDD), java.time.LocalTime.parse(hhmmss, HHMMSS))
                .atZone(settings.zone())
                .toInstant();
    }

    /** Host date and time (YYYYMMDD, hhmmss) for load answers. */
    public String[] hostDateTime() {
        LocalDateTime n = now();
        return new String[] {n.format(YYYYMMDD), n.format(HHMMSS)};
    }
}
