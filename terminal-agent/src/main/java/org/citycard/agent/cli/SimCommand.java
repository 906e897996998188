package org.citycard.agent.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agent sim remove|insert}: takes the simulated card off the reader of a running {@code agent run --reader
 * sim}, or puts it back (a new tap), through that agent's page API on localhost.
 */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description = "Take the simulated card out of a running `agent run --reader sim`, or put it back (a new tap)"
                + " 模拟取卡/放卡")
final class SimCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "remove|insert",
            description = "remove: take the card out; insert: put it back")
    String action;

    @Option(
            names = {"-p", "--port"},
            defaultValue = "8090",
            description = "port of the running agent's pages (its `agent run --port`)")
    int port;

    @Override
    public Integer call() throws Exception {
        if (!action.equals("remove") && !action.equals("insert")) {
            throw new IllegalArgumentException("sim " + action + ": say remove or insert");
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> r;
        try {
            // the agent takes a state-changing call only with the token its page is served with
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/kiosk"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher token = java.util.regex.Pattern.compile(
                            "name=\"citycard-page-token\" content=\"([0-9a-f]+)\"")
                    .matcher(page.body());
            if (!token.find()) {
                throw new IllegalStateException("the agent on port " + port + " served no page token (HTTP "
                        + page.statusCode() + "): is it an agent of this version?");
            }
            r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sim/" + action))
                            .header("Content-Type", "application/json")
                            .header("X-CityCard-Page-Token", token.group(1))
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no agent answers on port " + port
                    + ": start one with `./citycard agent run --reader sim --port " + port + "`");
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the agent on port " + port + " says: " + r.body());
        }
        System.out.println(r.body().contains("\"present\":true") ? "card on the reader 卡在读卡器上" : "reader empty 读卡器空");
        return 0;
    }
}
