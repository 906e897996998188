package org.citycard.clearing.cli;

import java.io.Console;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./citycard server exchange status|send FILE|replay ID|party CODE|file-key CODE}: the operators' exchange
 * commands, through
 * the running server's REST API as an administrator (the broker lives in the server).
 */
@Command(
        name = "exchange",
        mixinStandardHelpOptions = true,
        description = "The data exchange with departments, through a running server: status, send, replay, parties.",
        subcommands = {
            ExchangeCommand.Status.class,
            ExchangeCommand.Send.class,
            ExchangeCommand.Replay.class,
            ExchangeCommand.Party.class,
            ExchangeCommand.FileKey.class
        })
class ExchangeCommand {
    @Option(
            names = {"-u", "--url"},
            description = "the server's base URL (default: ${DEFAULT-VALUE})",
            defaultValue = "http://localhost:8080")
    URI url;

    @Option(
            names = "--user",
            description = "the administrator (password from $CITYCARD_ADMIN_PASSWORD or asked for)",
            defaultValue = "admin")
    String user;

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Broker, documents of the last 24 h," + " refusals and what waits for each department.")
    static class Status implements Callable<Integer> {
        @ParentCommand
        ExchangeCommand parent;

        @Override
        public Integer call() throws Exception {
            return parent.call("GET", "/api/v1/admin/exchange/status", null, null);
        }
    }

    @Command(
            name = "send",
            mixinStandardHelpOptions = true,
            description = "Take in a signed document as if it came"
                    + " over the broker; its detached CMS signature is FILE.p7s unless --signature says otherwise.")
    static class Send implements Callable<Integer> {
        @ParentCommand
        ExchangeCommand parent;

        @Parameters(paramLabel = "FILE", description = "the document (XML)")
        Path file;

        @Option(
                names = {"-s", "--signature"},
                description = "its detached CMS signature (DER; default FILE.p7s)")
        Path signature;

        @Override
        public Integer call() throws Exception {
            Path sig = signature != null ? signature : file.resolveSibling(file.getFileName() + ".p7s");
            if (!Files.exists(sig)) {
                sig = file.resolveSibling(file.getFileName().toString().replaceAll("\\.xml$", "") + ".p7s");
            }
            if (!Files.exists(sig)) {
                System.err.println("no signature: " + sig + " does not exist (give it with --signature)");
                return 2;
            }
            return parent.call(
                    "POST",
                    "/api/v1/admin/exchange/documents",
                    Files.readAllBytes(file),
                    Base64.getEncoder().encodeToString(Files.readAllBytes(sig)));
        }
    }

    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = "Send an outbound document again from"
                    + " its stored bytes, or take in a refused one again once its cause is fixed.")
    static class Replay implements Callable<Integer> {
        @ParentCommand
        ExchangeCommand parent;

        @Parameters(paramLabel = "ID", description = "the document ID")
        String id;

        @Override
        public Integer call() throws Exception {
            return parent.call("POST", "/api/v1/admin/exchange/replay/" + id, null, null);
        }
    }

    @Command(
            name = "party",
            mixinStandardHelpOptions = true,
            description = "Register a party (a department or an"
                    + " authority) with the certificate that verifies what it sends.")
    static class Party implements Callable<Integer> {
        @ParentCommand
        ExchangeCommand parent;

        @Parameters(paramLabel = "CODE", description = "its party code (a department's code, or e.g. PR01)")
        String code;

        @Option(
                names = {"-n", "--name"},
                required = true,
                description = "its name")
        String name;

        @Option(
                names = {"-c", "--certificate"},
                required = true,
                description = "its certificate (PEM file)")
        Path certificate;

        @Option(names = "--may-send", split = ",", description = "inbound document types it may send: RC, SC, MM")
        List<String> maySend = new ArrayList<>();

        @Option(names = "--subscribe", split = ",", description = "outbound types it subscribes to: CE")
        List<String> subscribes = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("certificate", Files.readString(certificate));
            body.put("maySend", maySend);
            body.put("subscribes", subscribes);
            byte[] json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(body);
            return parent.call("PUT", "/api/v1/admin/exchange/parties/" + code, json, null);
        }
    }

    @Command(
            name = "file-key",
            mixinStandardHelpOptions = true,
            description = "Make a new exchange-file key for a department (its exchange files carry an HMAC-SHA256"
                    + " under it in their trailer; an older key stops verifying). The key is written to --out"
                    + " (owner-readable) for the department, never printed; the check value is.")
    static class FileKey implements Callable<Integer> {
        @ParentCommand
        ExchangeCommand parent;

        @Parameters(paramLabel = "CODE", description = "the department's party code (the files' header sender)")
        String code;

        @Option(
                names = {"-o", "--out"},
                required = true,
                description = "where to write the key (hex), for the department's ./citycard exchange seal-file")
        Path out;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> resp = parent.send("POST", "/api/v1/admin/exchange/file-keys/" + code, null, null);
            if (resp == null) {
                return 2;
            }
            if (resp.statusCode() / 100 != 2) {
                System.err.println("the server answered " + resp.statusCode() + ": " + resp.body());
                return 1;
            }
            var answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(resp.body());
            Files.deleteIfExists(out);
            Files.createFile(
                    out,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(out, answer.path("key").asText() + "\n");
            System.out.println("exchange-file key of " + code + " written to " + out + "; check value "
                    + answer.path("checkValue").asText());
            return 0;
        }
    }

    int call(String method, String path, byte[] body, String signature) throws Exception {
        HttpResponse<String> resp = send(method, path, body, signature);
        if (resp == null) {
            return 2;
        }
        if (resp.statusCode() / 100 != 2) {
            System.err.println("the server answered " + resp.statusCode() + ": " + resp.body());
            return 1;
        }
        System.out.println(resp.body());
        return 0;
    }

    /** The server's answer; null when no password could be had (said on stderr). */
    HttpResponse<String> send(String method, String path, byte[] body, String signature) throws Exception {
        String password = System.getenv("CITYCARD_ADMIN_PASSWORD");
        if (password == null) {
            Console console = System.console();
            if (console == null) {
                System.err.println("no password: set $CITYCARD_ADMIN_PASSWORD or run in a terminal");
                return null;
            }
            password = new String(console.readPassword("password of %s: ", user));
        }
        String base = url.toString().replaceAll("/+$", "");
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(2))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json")
                .header("X-Requested-With", "CityCard"); // the server refuses state changes without it (CSRF)
        if (signature != null) {
            req.header("X-Signature", signature).header("Content-Type", "application/xml");
        } else if (body != null) {
            req.header("Content-Type", "application/json");
        }
        req.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
