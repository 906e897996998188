package org.citycard.system.city;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The end of the day at the clearing centre, behind one small interface so the demo runs on servers with and
 * without it: register the banks, close a business day (settlement per department, pain.001 and detail files per
 * bank, manifest and signature), and read back a bank's pain.002 status report.
 */
public interface DayClose {
    /** Why this server cannot close days (the reason shown), or empty when it can. */
    Optional<String> unavailable();

    /** Registers the banks the clearing centre pays through (before the departments whose accounts they hold). */
    void registerBanks(List<CityLayout.Bank> banks);

    /** Closes a business day; the server's answer (settlement per department, files per bank). */
    Closed close(String businessDate);

    /**
     * Plays the bank: reads the pain.001 of a closed day's bank file and answers it with a pain.002 status report
     * (every payment accepted, or one rejected), which the server reads back.
     *
     * @param rejectOne true to reject one payment (it returns to its department's payable for the next day)
     */
    Status answerAsBank(Closed day, Closed.BankFile file, boolean rejectOne);

    /** A closed day. */
    record Closed(
            String businessDate,
            long purchaseCount,
            long gross,
            long fee,
            long net,
            List<Settlement> departments,
            List<BankFile> files,
            JsonNode raw) {
        /** One department's settlement. */
        public record Settlement(String department, long count, long gross, long fee, long net, String bankCode) {}

        /** One bank's file set. */
        public record BankFile(
                String messageId,
                String bankCode,
                String bankName,
                int transactions,
                long total,
                Path folder,
                List<Path> files) {}
    }

    /** What the server did with a status report. */
    record Status(Path report, int accepted, int rejected, String detail) {}

    /** The answer of a server without day close: every step says why it cannot run. */
    static DayClose notAvailable(String reason) {
        return new DayClose() {
            @Override
            public Optional<String> unavailable() {
                return Optional.of(reason);
            }

            @Override
            public void registerBanks(List<CityLayout.Bank> banks) {}

            @Override
            public Closed close(String businessDate) {
                throw new UnsupportedOperationException(reason);
            }

            @Override
            public Status answerAsBank(Closed day, Closed.BankFile file, boolean rejectOne) {
                throw new UnsupportedOperationException(reason);
            }
        };
    }

    /**
     * Day close over the server's REST API when its OpenAPI description has it, else {@link #notAvailable}.
     *
     * @param serverDataDir where the server writes its bank files
     */
    static DayClose of(ServerAdmin admin, Path serverDataDir) {
        JsonNode paths = admin.get("/v3/api-docs").path("paths");
        if (!paths.has("/api/v1/days/{date}/close") || !paths.has("/api/v1/bank-files/status")) {
            return notAvailable("this server has no day close (POST /api/v1/days/{date}/close)");
        }
        return new RestDayClose(admin, serverDataDir);
    }
}
