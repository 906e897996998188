package org.citycard.agent.hotlist;

import java.io.IOException;
import java.util.List;
import org.citycard.agent.journal.LocalLists;
import org.citycard.dictionary.format.CompactHotlist;

/**
 * Keeps the local hotlist and parameters at the versions the server announces (0810 field 62): fetches the
 * hotlist changes since the version held (the whole list the first time) and the parameters when newer, and
 * stores each with its version in one transaction. The local copy serves taps while the server is away.
 */
public final class HotlistSync {
    private final ServerApi api;
    private final LocalLists lists;
    private final String terminalId;
    private final java.time.Clock clock;
    private final int capacity;

    public HotlistSync(ServerApi api, LocalLists lists, String terminalId) {
        this(api, lists, terminalId, java.time.Clock.system(CITY), CompactHotlist.CAPACITY);
    }

    /**
     * @param clock today's date (in the clock's zone) decides which cards have expired
     * @param capacity the most entries the local hotlist holds (dictionary parameter {@code hotlist_capacity})
     */
    public HotlistSync(ServerApi api, LocalLists lists, String terminalId, java.time.Clock clock, int capacity) {
        this.api = api;
        this.lists = lists;
        this.terminalId = terminalId;
        this.clock = clock;
        this.capacity = capacity;
    }

    /** The city's calendar, where card expiry dates are. */
    private static final java.time.ZoneId CITY = java.time.ZoneId.of("Asia/Shanghai");

    private String today() {
        return java.time.LocalDate.now(clock).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** What a sync changed. */
    public record Result(
            boolean hotlistUpdated, boolean parametersUpdated, String hotlistVersion, String parameterVersion) {}

    /**
     * @param announcedHotlist the version the server announced, or null to ask anyway
     */
    public Result sync(String announcedHotlist, String announcedParameters) throws IOException {
        boolean h = false;
        boolean p = false;
        purgeExpired();
        long held = Long.parseLong(lists.hotlistVersion());
        if (announcedHotlist == null || Long.parseLong(announcedHotlist) != held) {
            if (held == 0 && firstDownload()) {
                h = true;
            } else {
                h = delta(held);
            }
        }
        long heldP = Long.parseLong(lists.parameterVersion());
        if (announcedParameters == null || Long.parseLong(announcedParameters) != heldP) {
            try {
                ServerApi.Parameters ps = api.parameters(terminalId);
                lists.applyParameters(v(ps.version()), ps.values());
                p = true;
            } catch (IOException e) {
                // the hotlist is what protects money; parameters keep their last version until the next sync
                System.getLogger(HotlistSync.class.getName())
                        .log(System.Logger.Level.WARNING, "parameters not updated: {0}", e.getMessage());
            }
        }
        return new Result(h, p, lists.hotlistVersion(), lists.parameterVersion());
    }

    /** The changes since the version held (or the whole list, when the server answers it) applied; true. */
    private boolean delta(long held) throws IOException {
        ServerApi.Hotlist hl;
        try {
            hl = api.hotlist(held == 0 ? null : held);
        } catch (RefusedAnswerException e) {
            System.getLogger(HotlistSync.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "hotlist answer refused, the local hotlist stays at version {0} and is asked for"
                                    + " again at the next sync: {1}",
                            lists.hotlistVersion(),
                            e.getMessage());
            throw e;
        }
        try {
            lists.applyHotlist(
                    v(hl.version()),
                    hl.full(),
                    hl.addedWithExpiry(),
                    hl.full() ? List.of() : hl.removed(),
                    today(),
                    capacity);
        } catch (CompactHotlist.CapacityExceededException e) {
            throw refused(new RefusedAnswerException("hotlist answer at version " + hl.version() + " refused: "
                    + e.getMessage() + "; the local hotlist stays at version " + lists.hotlistVersion()));
        } catch (IllegalArgumentException e) {
            throw refused(new RefusedAnswerException("hotlist answer at version " + hl.version() + " refused: "
                    + e.getMessage() + "; the local hotlist stays at version " + lists.hotlistVersion()));
        }
        return true;
    }

    /**
     * The whole list in its compact binary form, stored as it comes (less expired cards); false when the server API
     * has no compact form.
     */
    private boolean firstDownload() throws IOException {
        CompactHotlist.Image image;
        try {
            image = api.hotlistImage(capacity);
        } catch (RefusedAnswerException e) {
            throw refused(e);
        }
        if (image == null) {
            return false;
        }
        lists.replaceHotlist(v(image.version()), image.list(), today());
        return true;
    }

    private RefusedAnswerException refused(RefusedAnswerException e) {
        System.getLogger(HotlistSync.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        return e;
    }

    /**
     * Drops the local entries of cards past their expiry date (an expired card is refused anyway); the version
     * stays. Run at each sync, and by the agent when its day changes.
     *
     * @return how many entries went
     */
    public int purgeExpired() {
        return lists.purgeExpired(today());
    }

    private static String v(long version) {
        return String.format("%08d", version);
    }
}
