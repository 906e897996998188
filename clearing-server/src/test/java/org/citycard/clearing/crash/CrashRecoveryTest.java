package org.citycard.clearing.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.citycard.clearing.testing.TerminalClient;
import org.citycard.dictionary.crypto.KeySet;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

/**
 * The server is killed (SIGKILL) while a batch of offline records is being processed, then started again on the
 * same Derby database: the ledger balances, the batch re-sent under its number is answered from the stored result
 * when it had been committed, and every record is posted exactly once. The loop is bounded by
 * {@code citycard.crash.seconds} and {@code citycard.crash.kills}.
 */
class CrashRecoveryTest {
    static final KeySet KEYS = KeySet.demo();
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void killedMidBatch_theLedgerBalances_andTheResentBatchIsAnsweredFromTheStoredResult() throws Exception {
        long seconds = Long.getLong("citycard.crash.seconds", 45);
        int maxKills = Integer.getInteger("citycard.crash.kills", 2);
        long deadline;
        Random random = new Random();
        Path dir = TestData.DATA_DIR.resolveSibling("crash-" + TestData.unique());
        String dept = "0" + (100 + random.nextInt(900));
        String terminal = String.format("%012d", TestData.unique());
        List<HostCardModel> cards = new ArrayList<>();

        int kills = 0;
        int committedBeforeKill = 0;
        int lostBeforeCommit = 0;
        int batches = 0;
        int resentAfterRestart = 0;
        byte[][] lastRecords = null;
        long accepted = 0;
        try (ServerProcess server = new ServerProcess(dir)) {
            server.start();
            register(server, dept, terminal);
            for (int i = 0; i < 40; i++) {
                String asn = "3177" + String.format("%016d", TestData.unique());
                assertThat(server.post("/api/v1/cards", "{\"asn\":\"" + asn + "\"}")
                                .statusCode())
                        .isEqualTo(201);
                cards.add(new HostCardModel(KEYS, asn, 0, 0, 0));
            }
            try (TerminalClient t = new TerminalClient("127.0.0.1", server.isoPort, KEYS, terminal, dept)) {
                String[] now = TestData.dateTime(0);
                for (HostCardModel c : cards) {
                    ISOMsg a = t.authorise(
                            c.asn(), 90_000, t.nextStan(), now[0], now[1], c.initializeForLoad(90_000, terminal));
                    assertThat(a.getString(39)).isEqualTo("00");
                    assertThat(t.complete(a, c.creditForLoad(a.getBytes(48))).getString(39))
                            .isEqualTo("00");
                }
            }

            // the time budget is for the batches and kills, not for starting the server and loading the cards
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long ttsn = 0;
            long batchNanos = TimeUnit.MILLISECONDS.toNanos(300);
            // a kill every fourth batch, until the kills are done (or the time is up), then three more batches
            while (System.nanoTime() < deadline && batches < 4 * maxKills + 3) {
                String number = String.format("%06d", ++batches);
                byte[][] records = new byte[151][];
                String[] now = TestData.dateTime(0);
                for (int i = 0; i < records.length; i++) {
                    HostCardModel c = cards.get(random.nextInt(cards.size()));
                    records[i] = c.purchase(1 + random.nextInt(50), terminal, ++ttsn, now[0], now[1], dept, "");
                }
                boolean killNow = kills < maxKills && batches % 4 == 0;
                String[] answer = null;
                if (!killNow) {
                    long start = System.nanoTime();
                    answer = upload(server, terminal, dept, number, records);
                    batchNanos = System.nanoTime() - start;
                } else {
                    CompletableFuture<String[]> sent = CompletableFuture.supplyAsync(() -> {
                        try {
                            return upload(server, terminal, dept, number, records);
                        } catch (Exception e) {
                            return null;
                        }
                    });
                    long batchMillis = TimeUnit.NANOSECONDS.toMillis(batchNanos);
                    Thread.sleep(Math.max(1, (long) ((0.2 + random.nextDouble()) * batchMillis)));
                    server.kill();
                    kills++;
                    String[] before = sent.get(30, TimeUnit.SECONDS);
                    server.start();
                    boolean stored = server.get("/api/v1/terminals/" + terminal + "/batches/" + number)
                                    .statusCode()
                            == 200;
                    answer = upload(server, terminal, dept, number, records);
                    if (stored) {
                        committedBeforeKill++;
                        JsonNode s = JSON.readTree(server.get("/api/v1/terminals/" + terminal + "/batches/" + number)
                                .body());
                        assertThat(String.join("", answer))
                                .isEqualTo(s.get("results").asText());
                        if (before != null) {
                            assertThat(answer).containsExactly(before);
                        }
                    } else {
                        lostBeforeCommit++;
                        assertThat(before)
                                .as("an answer for a batch that was never committed")
                                .isNull();
                    }
                    assertLedger(server);
                    // the batch before, committed and answered before the kill: answered from the stored result
                    String previous = String.format("%06d", batches - 1);
                    JsonNode p = JSON.readTree(server.get("/api/v1/terminals/" + terminal + "/batches/" + previous)
                            .body());
                    assertThat(String.join("", upload(server, terminal, dept, previous, lastRecords)))
                            .isEqualTo(p.get("results").asText());
                    resentAfterRestart++;
                }
                lastRecords = records;
                for (String r : answer) {
                    assertThat(r).isEqualTo("00");
                }
                accepted += answer.length;
            }

            JsonNode tb = assertLedger(server);
            long posted = 0;
            for (HostCardModel c : cards) {
                JsonNode account = JSON.readTree(
                        server.get("/api/v1/cards/" + c.asn() + "/account").body());
                assertThat(account.get("floatBalance").asLong()).isEqualTo(c.balance());
                posted += account.get("purchaseCount").asLong();
            }
            assertThat(posted).isEqualTo(accepted);
            System.out.printf(
                    "crash test: %d batches of 151 records, %d kills (%d batch(es) committed before the kill and"
                            + " answered from the stored result, %d lost before the commit and processed on resend),"
                            + " %d committed batch(es) re-sent after a restart and answered from the stored result,"
                            + " %d records posted exactly once, trial balance %s%n",
                    batches, kills, committedBeforeKill, lostBeforeCommit, resentAfterRestart, posted, tb);
            assertThat(kills).isPositive();
        }
    }

    static String[] upload(ServerProcess server, String terminal, String dept, String number, byte[][] records)
            throws Exception {
        try (TerminalClient t = new TerminalClient("127.0.0.1", server.isoPort, KEYS, terminal, dept)) {
            ISOMsg a = t.upload(number, records);
            assertThat(a.getString(39)).isEqualTo("00");
            return TerminalClient.results(a);
        }
    }

    static JsonNode assertLedger(ServerProcess server) throws Exception {
        JsonNode tb = JSON.readTree(server.get("/api/v1/ledger/trial-balance").body());
        assertThat(tb.get("debits").asLong()).isEqualTo(tb.get("credits").asLong());
        assertThat(tb.get("unbalancedJournals").asLong()).isZero();
        assertThat(tb.get("cardsWithNegativeFloat").asLong()).isZero();
        return tb;
    }

    static void register(ServerProcess server, String dept, String terminal) throws Exception {
        assertThat(server.post(
                                "/api/v1/departments",
                                "{\"code\":\"" + dept + "\",\"name\":\"公交\",\"category\":\"01\","
                                        + "\"bankCode\":\"102100099996\",\"accountNumber\":\"6222020200112233\","
                                        + "\"accountName\":\"公交集团\",\"feeRateBp\":25}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(server.post(
                                "/api/v1/terminals",
                                "{\"terminalId\":\"" + terminal + "\",\"departmentCode\":\"" + dept
                                        + "\",\"psamSerial\":\"" + String.format("%020d", TestData.unique())
                                        + "\",\"terminalType\":\"01\"}")
                        .statusCode())
                .isEqualTo(201);
    }
}
