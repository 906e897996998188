package org.citycard.system.city;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citycard.department.DepartmentClient;
import org.citycard.dictionary.exchange.Contributions;
import org.citycard.dictionary.exchange.DocumentCodec;
import org.citycard.dictionary.exchange.PartyKeys;
import org.citycard.dictionary.exchange.ReconciliationStatement;
import org.citycard.dictionary.exchange.RegistryChange;

/**
 * The demo's exchange: every department runs the department client (its own DEMO key, registered at the centre,
 * subscribed to card events) and receives its documents over the broker into {@code <data>/exchange/<department>/};
 * the population registry (PR01) and the social-security bureau (SS01) send their updates as signed documents.
 */
public final class DemoExchange {
    static final String REGISTRY = "PR01";
    static final String SOCIAL_SECURITY = "SS01";

    private final Path root;
    private final String url;
    private final X509Certificate centre;
    private final ServerAdmin admin;
    private final Map<String, PartyKeys.PartyKey> keys = new LinkedHashMap<>();

    /** What the departments received, and the statement checks. */
    public record Result(
            Map<String, Integer> received,
            int refused,
            long inboundApplied,
            List<String> statementProblems,
            int statementsChecked) {}

    private DemoExchange(Path root, String url, X509Certificate centre, ServerAdmin admin) {
        this.root = root;
        this.url = url;
        this.centre = centre;
        this.admin = admin;
    }

    /** Registers the departments (subscribed to card events), the registry and the social-security bureau. */
    public static DemoExchange open(City city, Path dataDir) throws IOException {
        ClearingHost server = city.server();
        DemoExchange x = new DemoExchange(
                dataDir.resolve("exchange"),
                server.exchangeUrl(),
                PartyKeys.fromPem(Files.readString(server.centreCertificate())),
                server.admin());
        for (CityLayout.Department d : CityLayout.DEPARTMENTS) {
            x.register(d.code(), d.name(), List.of(), List.of("CE"));
        }
        x.register(REGISTRY, "市公安局人口信息库 Population registry", List.of("RC"), List.of());
        x.register(SOCIAL_SECURITY, "市社会保险局 Social security bureau", List.of("SC", "MM"), List.of());
        return x;
    }

    private void register(String code, String name, List<String> maySend, List<String> subscribes) {
        PartyKeys.PartyKey key =
                PartyKeys.openOrCreateDemo(root.resolve(code).resolve("keys").resolve(code + ".bcfks"), code);
        keys.put(code, key);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.length() > 60 ? name.substring(0, 60) : name);
        body.put("certificate", PartyKeys.toPem(key.certificate()));
        body.put("maySend", maySend);
        body.put("subscribes", subscribes);
        admin.put("/api/v1/admin/exchange/parties/" + code, body);
    }

    /** The registry sends every citizen as a new person; the bureau a month of pension contributions. */
    public int sendUpdates(List<Citizens.Person> people) throws Exception {
        Instant now = Instant.now();
        RegistryChange rc =
                new RegistryChange().header("RC-" + REGISTRY + "-" + now.toEpochMilli(), REGISTRY, "CENTRE", now);
        Contributions sc = new Contributions()
                .header("SC-" + SOCIAL_SECURITY + "-" + now.toEpochMilli(), SOCIAL_SECURITY, "CENTRE", now);
        String month = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString().replace("-", "");
        for (Citizens.Person p : people) {
            RegistryChange.Person r = new RegistryChange.Person();
            r.registryChange = "N";
            r.citizenId = p.citizenId();
            r.name = p.name();
            r.sex = p.sex();
            r.birthDate = p.birthDate();
            rc.persons.add(r);
            Contributions.Contribution c = new Contributions.Contribution();
            c.citizenId = p.citizenId();
            c.contributionMonth = month;
            c.insuranceType = "110";
            c.contributionBase = 600_000;
            c.employerAmount = 96_000;
            c.personalAmount = 48_000;
            c.payerName = "城市一卡通演示单位";
            sc.contributions.add(c);
        }
        try (DepartmentClient registry = client(REGISTRY);
                DepartmentClient bureau = client(SOCIAL_SECURITY)) {
            registry.send(rc);
            bureau.send(sc);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (inboundApplied() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return (int) inboundApplied();
    }

    private long inboundApplied() {
        JsonNode docs = admin.get("/api/v1/admin/exchange/status").path("documentsLast24h");
        return docs.path("IN RC APPLIED").asLong() + docs.path("IN SC APPLIED").asLong();
    }

    /** Every department takes its documents (until none came for two seconds); the statements are checked. */
    public Result receive(List<DayClose.Closed> closed) throws Exception {
        Map<String, Integer> byType = new TreeMap<>();
        int refused = 0;
        for (CityLayout.Department d : CityLayout.DEPARTMENTS) {
            try (DepartmentClient c = client(d.code())) {
                DepartmentClient.Received r = c.listen(Duration.ofSeconds(2), () -> false);
                r.byType().forEach((k, v) -> byType.merge(k, v, Integer::sum));
                refused += r.refused();
            }
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (DayClose.Closed day : closed) {
            for (DayClose.Closed.Settlement s : day.departments()) {
                Path file = root.resolve(s.department())
                        .resolve("reconciliation_statement")
                        .resolve("RS-" + s.department() + "-" + day.businessDate() + ".xml");
                if (!Files.exists(file)) {
                    problems.add(s.department() + " " + day.businessDate() + ": no statement");
                    continue;
                }
                ReconciliationStatement st =
                        (ReconciliationStatement) DocumentCodec.standard().read(Files.readAllBytes(file));
                long items = st.purchases().stream().mapToLong(p -> p.amount).sum();
                if (st.purchaseCount != s.count()
                        || st.grossAmount != s.gross()
                        || st.feeAmount != s.fee()
                        || st.netAmount != s.net()
                        || items != s.gross()
                        || st.purchases().size() != s.count()) {
                    problems.add(s.department() + " " + day.businessDate() + ": statement " + st.purchaseCount + "/"
                            + st.grossAmount + "/" + st.netAmount + " (items " + items + "), settlement " + s.count()
                            + "/" + s.gross() + "/" + s.net());
                }
                checked++;
            }
        }
        return new Result(byType, refused, inboundApplied(), problems, checked);
    }

    private DepartmentClient client(String code) throws Exception {
        return new DepartmentClient(url, code, keys.get(code), centre, root.resolve(code));
    }
}
