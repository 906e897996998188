package org.citycard.clearing.config;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the clearing server ({@code citycard.*}). Nothing secret lives here: the key store password and the
 * first administrator's password are read from environment variables whose names are set here.
 */
@ConfigurationProperties("citycard")
public record CityCardProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Iso iso,
        @DefaultValue Keys keys,
        @DefaultValue BusinessDay businessDay,
        @DefaultValue Security security) {

    /** The ISO 8583 endpoint: port 0 picks a free port (tests). */
    public record Iso(
            @DefaultValue("0.0.0.0") String host,
            @DefaultValue("8583") int port,
            @DefaultValue("2") int ioThreads,
            @DefaultValue("16") int handlerThreads,
            @DefaultValue("300") int idleSeconds) {}

    /** Where MLK, MTK and MTAK come from: "demo" or a key store path, its password in an environment variable. */
    public record Keys(
            @DefaultValue("demo") String source, @DefaultValue("CITYCARD_KEYSTORE_PASSWORD") String passwordEnv) {}

    /** The business day: records accepted before the cut-off (in the zone) belong to that day. */
    public record BusinessDay(@DefaultValue("Asia/Shanghai") ZoneId zone, @DefaultValue("00:00") LocalTime cutoff) {}

    public record Security(
            @DefaultValue("CITYCARD_ADMIN_PASSWORD") String initialAdminPasswordEnv,
            @DefaultValue("300") int terminalClockSkewSeconds) {}
}
