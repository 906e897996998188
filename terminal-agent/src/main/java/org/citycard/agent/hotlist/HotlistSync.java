package org.citycard.agent.hotlist;

import java.io.IOException;
import java.util.List;
import org.citycard.agent.journal.LocalLists;

/**
 * Keeps the local hotlist and parameters at the versions the server announces (0810 field 62): fetches the
 * hotlist changes since the version held (the whole list the first time) and the parameters when newer, and
 * stores each with its version in one transaction. The local copy serves taps while the server is away.
 */
public final class HotlistSync {
    private final ServerApi api;
    private final LocalLists lists;
    private final String terminalId;

    public HotlistSync(ServerApi api, LocalLists lists, String terminalId) {
        this.api = api;
        this.lists = lists;
        this.terminalId = terminalId;
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
        long held = Long.parseLong(lists.hotlistVersion());
        if (announcedHotlist == null || Long.parseLong(announcedHotlist) != held) {
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
            if (hl.full()) {
                lists.applyHotlist(v(hl.version()), true, hl.asns(), List.of());
            } else {
                lists.applyHotlist(v(hl.version()), false, hl.added(), hl.removed());
            }
            h = true;
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

    private static String v(long version) {
        return String.format("%08d", version);
    }
}
