package org.citycard.clearing.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock the day-close tests move between business days (the server reads time only through its Clock). */
public final class MutableClock extends Clock {
    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now.get(), zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    /** Sets the clock to a local time of a date (YYYYMMDD) in the business zone. */
    public void set(String yyyymmdd, LocalTime time) {
        set(LocalDate.parse(yyyymmdd, BusinessCalendar.YYYYMMDD)
                .atTime(time)
                .atZone(BUSINESS_ZONE)
                .toInstant());
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }
}
