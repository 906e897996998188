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
        @DefaultValue Security security,
        @DefaultValue Settlement settlement) {

    /**
     * The ISO 8583 endpoint: port 0 picks a free port (tests).
     *
     * @param idleSeconds a connection that sends nothing for this long is closed (terminals reconnect per exchange)
     * @param maxConnections connections open at once; one more is closed as soon as it is accepted
     */
    public record Iso(
            @DefaultValue("0.0.0.0") String host,
            @DefaultValue("8583") int port,
            @DefaultValue("2") int ioThreads,
            @DefaultValue("16") int handlerThreads,
            @DefaultValue("30") int idleSeconds,
            @DefaultValue("1000") int maxConnections) {
        public Iso {
            if (idleSeconds < 1) {
                throw new IllegalArgumentException("citycard.iso.idle-seconds " + idleSeconds + " must be at least 1");
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException(
                        "citycard.iso.max-connections " + maxConnections + " must be at least 1");
            }
        }
    }

    /**
     * Where the server's keys (LMK, MLK, MTK, MIAK) come from: "demo" or a key store path, its password in an
     * environment variable; no default, the server refuses to start without one. A terminal's working key serves
     * {@code takLifetime} before the terminal must sign on again.
     */
    public record Keys(
            @DefaultValue("") String source,
            @DefaultValue("CITYCARD_KEYSTORE_PASSWORD") String passwordEnv,
            @DefaultValue("PT24H") java.time.Duration takLifetime) {}

    /** The business day: records accepted before the cut-off (in the zone) belong to that day. */
    public record BusinessDay(@DefaultValue("Asia/Shanghai") ZoneId zone, @DefaultValue("00:00") LocalTime cutoff) {}

    /**
     * Day close and the banks.
     *
     * @param senderId the clearing centre's ID in the detail file header (at most 12 characters)
     * @param centreName the initiating party and debtor name of the pain.001 files
     * @param defaultBank the bank (CNAPS code) that pays creditors whose own bank is not in the bank table; empty:
     *     the first bank by code
     * @param recordsWait how long after a refund or balance move is asked for records the card made offline may still
     *     arrive; the money moves only after it (and once no record of the card is held in quarantine)
     * @param signing where the key that signs the bank files' manifests lives
     */
    public record Settlement(
            @DefaultValue("CITYCARD0001") String senderId,
            @DefaultValue("城市一卡通清算中心 CityCard Clearing Centre") String centreName,
            @DefaultValue("") String defaultBank,
            @DefaultValue("PT24H") java.time.Duration recordsWait,
            @DefaultValue Signing signing) {}

    /**
     * The file-signing keys: "demo" (an Ed25519 and an SM2 key pair generated into {@code <data-dir>/keys} on first
     * use, marked DEMO) or the path of a BCFKS key store with the private-key entries {@code cfsk} (Ed25519) and/or
     * {@code cfsk-sm2} (SM2, for banks whose manifests are signed SM3withSM2), its password in the environment
     * variable named here.
     */
    public record Signing(
            @DefaultValue("demo") String keyStore, @DefaultValue("CITYCARD_SIGNING_PASSWORD") String passwordEnv) {}

    public record Security(
            @DefaultValue("CITYCARD_ADMIN_PASSWORD") String initialAdminPasswordEnv,
            @DefaultValue("300") int terminalClockSkewSeconds,
            @DefaultValue Login login,
            @DefaultValue("true") boolean forceInitialPasswordChange) {}

    /**
     * Staff sign-ins: after {@code userFailures} wrong passwords in a row an account refuses every sign-in (even with
     * the right password) for {@code lockSeconds}, doubling with each further failure up to {@code maxLockSeconds};
     * a client address is locked the same way after {@code addressFailures} failures (any accounts). Failures are
     * forgotten {@code maxLockSeconds} after the last one (an account's also at a successful sign-in).
     */
    public record Login(
            @DefaultValue("5") int userFailures,
            @DefaultValue("20") int addressFailures,
            @DefaultValue("30") int lockSeconds,
            @DefaultValue("900") int maxLockSeconds) {}
}
