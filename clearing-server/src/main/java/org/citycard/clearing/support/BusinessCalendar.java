package org.citycard.clearing.support;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.citycard.clearing.config.CityCardProperties;
import org.springframework.stereotype.Component;

/**
 * Which business day an accepted record or load belongs to: the date in the configured zone, moved to the next
 * day after the cut-off. Day close (issue 7) adds closed days on top of this.
 */
@Component
public class BusinessCalendar {
    public static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");

    private final Clock clock;
    private final CityCardProperties.BusinessDay settings;

    public BusinessCalendar(CityCardProperties properties, Clock clock) {
        this.settings = properties.businessDay();
        this.clock = clock;
    }

    /** Now in the business zone. */
    public LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(settings.zone()));
    }

    /** The business date of something happening now, as YYYYMMDD. */
    public String currentBusinessDate() {
        return businessDateOf(now());
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
