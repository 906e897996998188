package org.citycard.system.city;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Day close over the server's REST API (issue 7): banks through {@code /api/v1/banks}, the close through
 * {@code POST /api/v1/days/{date}/close}, the files read from the server's data directory (where a bank would
 * fetch them), and the banks' pain.002 posted to {@code /api/v1/bank-files/status}.
 */
final class RestDayClose implements DayClose {
    private final ServerAdmin admin;
    private final Path serverDataDir;
    private int reports;

    RestDayClose(ServerAdmin admin, Path serverDataDir) {
        this.admin = admin;
        this.serverDataDir = serverDataDir;
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    @Override
    public void registerBanks(List<CityLayout.Bank> banks) {
        for (CityLayout.Bank b : banks) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("bankCode", b.code());
            body.put("name", b.name());
            body.put("bic", b.bic());
            body.put("settlementAccount", b.settlementAccount());
            body.put("settlementAccountName", "市民卡清算中心");
            body.put("manifestSignatures", b.manifestSignatures());
            admin.post("/api/v1/banks", body);
        }
    }

    @Override
    public Closed close(String businessDate) {
        JsonNode r = admin.post("/api/v1/days/" + businessDate + "/close", null);
        Map<String, String> payingBank = new LinkedHashMap<>();
        List<Closed.BankFile> files = new ArrayList<>();
        for (JsonNode f : r.path("files")) {
            String messageId = f.path("messageId").asText();
            Path folder = serverDataDir.resolve(f.path("folder").asText());
            List<Path> written = new ArrayList<>();
            for (JsonNode w : f.path("files")) {
                written.add(folder.resolve(w.path("name").asText()));
            }
            files.add(new Closed.BankFile(
                    messageId,
                    f.path("bankCode").asText(),
                    f.path("bankName").asText(),
                    f.path("transactions").asInt(),
                    f.path("total").asLong(),
                    folder,
                    written));
            for (JsonNode p : admin.get("/api/v1/bank-files/" + messageId).path("payments")) {
                payingBank.put(
                        p.path("departmentCode").asText(), f.path("bankCode").asText());
            }
        }
        List<Closed.Settlement> departments = new ArrayList<>();
        for (JsonNode d : r.path("departments")) {
            String code = d.path("departmentCode").asText();
            departments.add(new Closed.Settlement(
                    code,
                    d.path("purchaseCount").asLong(),
                    d.path("gross").asLong(),
                    d.path("fee").asLong(),
                    d.path("net").asLong(),
                    payingBank.getOrDefault(code, "")));
        }
        return new Closed(
                businessDate,
                r.path("purchaseCount").asLong(),
                r.path("gross").asLong(),
                r.path("fee").asLong(),
                r.path("net").asLong(),
                departments,
                files,
                r);
    }

    @Override
    public Status answerAsBank(Closed day, Closed.BankFile file, boolean rejectOne) {
        try {
            byte[] pain001 = Files.readAllBytes(file.folder().resolve("pain.001.001.03-" + file.messageId() + ".xml"));
            BankOffice.Instruction in = BankOffice.read(pain001);
            String reportId = "ST" + file.bankCode() + day.businessDate() + String.format("%03d", ++reports);
            byte[] pain002 = BankOffice.answer(in, reportId, rejectOne, OffsetDateTime.now());
            Path bankDir = Files.createDirectories(
                    serverDataDir.getParent().resolve("banks").resolve(file.bankCode()));
            Path report = bankDir.resolve("pain.002.001.03-" + reportId + ".xml");
            Files.write(report, pain002);
            JsonNode outcome = admin.postDocument("/api/v1/bank-files/status", pain002, "application/xml");
            return new Status(
                    report,
                    outcome.path("accepted").asInt(),
                    outcome.path("rejected").asInt(),
                    "file " + outcome.path("fileStatus").asText()
                            + (rejectOne
                                    ? ", " + in.transfers().get(0).endToEndId() + " rejected "
                                            + BankOffice.CLOSED_ACCOUNT + ": re-queued for the next day close"
                                    : ""));
        } catch (IOException e) {
            throw new UncheckedIOException("the bank cannot read or answer " + file.messageId(), e);
        }
    }
}
