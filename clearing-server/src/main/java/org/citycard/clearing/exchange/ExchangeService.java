package org.citycard.clearing.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.citycard.clearing.config.CityCardProperties;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.NotFoundException;
import org.citycard.dictionary.exchange.ExchangeAddresses;
import org.citycard.dictionary.exchange.PartyKeys;
import org.citycard.dictionary.xml.ExchangeLayouts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** The operators' view of the exchange: parties, status, statistics, replay. */
@Service
public class ExchangeService {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final ExchangeRepository repository;
    private final OutboundPublisher outbound;
    private final InboundProcessor inbound;
    private final DocumentFiles files;
    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    private final BrokerConfiguration.BrokerAddress address;
    private final CentreKey centreKey;
    private final ZoneId zone;
    private final Clock clock;

    ExchangeService(
            ExchangeRepository repository,
            OutboundPublisher outbound,
            InboundProcessor inbound,
            DocumentFiles files,
            ObjectProvider<EmbeddedActiveMQ> embedded,
            BrokerConfiguration.BrokerAddress address,
            CentreKey centreKey,
            CityCardProperties city,
            Clock clock) {
        this.repository = repository;
        this.outbound = outbound;
        this.inbound = inbound;
        this.files = files;
        this.embedded = embedded;
        this.address = address;
        this.centreKey = centreKey;
        this.zone = city.businessDay().zone();
        this.clock = clock;
    }

    public record PartyRequest(String name, String certificate, List<String> maySend, List<String> subscribes) {}

    /** Registers or updates a party; its certificate (PEM) verifies what it sends. */
    public ExchangeRepository.Party putParty(String code, PartyRequest r) {
        Checks.element("code", "party_code", code);
        Checks.require(
                r.name() != null && !r.name().isBlank() && r.name().length() <= 60,
                "name",
                r.name(),
                "a name of 1..60 characters");
        PartyKeys.fromPem(r.certificate() == null ? "" : r.certificate());
        List<String> maySend = r.maySend() == null ? List.of() : r.maySend();
        List<String> subscribes = r.subscribes() == null ? List.of() : r.subscribes();
        for (String t : maySend) {
            Checks.require(
                    ExchangeLayouts.standard().layouts().stream()
                            .anyMatch(l -> l.type().equals(t) && l.inbound()),
                    "maySend",
                    t,
                    "an inbound document type (RC, SC, MM)");
        }
        for (String t : subscribes) {
            Checks.require(
                    "CE".equals(t),
                    "subscribes",
                    t,
                    "CE (card status events); statements and notices go to" + " every department");
        }
        ExchangeRepository.Party p = new ExchangeRepository.Party(code, r.name(), r.certificate(), maySend, subscribes);
        repository.putParty(p, clock.instant());
        return p;
    }

    public List<ExchangeRepository.Party> parties() {
        return repository.parties();
    }

    public String centreCertificate() {
        return PartyKeys.toPem(centreKey.get().certificate());
    }

    /** Takes in a document as if it came over the broker (the operator's send). */
    public Outcome send(byte[] xml, byte[] signature) {
        return inbound.receive(xml, signature);
    }

    /**
     * Replays a document by ID: an outbound one is sent again from its stored bytes; a refused inbound one is taken
     * in again from its stored bytes (after the cause was fixed, for example the sender's certificate registered).
     */
    public Map<String, Object> replay(String id) {
        var stored = repository.document(id);
        if (stored.isPresent() && "OUT".equals(stored.get().direction())) {
            var d = outbound.resend(id);
            return Map.of("documentId", id, "direction", "OUT", "status", d.status(), "sends", d.sends());
        }
        if (stored.isPresent()) {
            return Map.of(
                    "documentId",
                    id,
                    "direction",
                    "IN",
                    "status",
                    "APPLIED",
                    "note",
                    "applied before: a document is applied once");
        }
        var refusal = repository
                .lastRefusal(id)
                .orElseThrow(() -> new NotFoundException("no document " + id + " was sent or refused"));
        DocumentFiles.Stored s = files.read("refused", refusal.id() + "-" + id)
                .orElseThrow(() -> new NotFoundException("the bytes of refused document " + id + " are gone"));
        Outcome o = inbound.receive(s.xml(), s.signature().length == 0 ? null : s.signature());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("documentId", id);
        out.put("direction", "IN");
        out.put("status", o.status());
        if (o.reason() != null) {
            out.put("reason", o.reason());
        }
        return out;
    }

    /** The broker, the documents of the last day by type and direction, and what waits for each department. */
    public Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        s.put("broker", broker != null ? "embedded Artemis, departments at " + address.url() : "external Artemis");
        Instant from = clock.instant().minus(Duration.ofDays(1));
        Map<String, Long> byType = new TreeMap<>();
        for (var d : repository.since(from)) {
            byType.merge(d.direction() + " " + d.type() + " " + d.status(), 1L, Long::sum);
        }
        s.put("documentsLast24h", byType);
        s.put("refusedLast24h", repository.refusals(from).size());
        s.put("pending", repository.pending(10_000).size());
        s.put("waiting", waiting());
        List<Map<String, Object>> recent = new ArrayList<>();
        for (var r : repository.refusals(from)) {
            recent.add(Map.of(
                    "documentId",
                    String.valueOf(r.documentId()),
                    "reason",
                    r.reason(),
                    "refusedAt",
                    r.refusedAt().toString()));
        }
        s.put("refusals", recent.size() > 20 ? recent.subList(recent.size() - 20, recent.size()) : recent);
        return s;
    }

    /** Messages waiting on each outbound queue of the embedded broker (a department offline has some). */
    public Map<String, Long> waiting() {
        Map<String, Long> out = new TreeMap<>();
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        ActiveMQServer server = broker == null ? null : broker.getActiveMQServer();
        if (server == null || !server.isActive()) {
            return out;
        }
        for (String name : server.getPostOffice().getAddresses().stream()
                .map(Object::toString)
                .toList()) {
            if (!name.startsWith("exchange.out.") && !name.equals(ExchangeAddresses.DEAD)) {
                continue;
            }
            Queue q = server.locateQueue(name);
            if (q != null) {
                out.put(name, q.getMessageCount());
            }
        }
        return out;
    }

    /** Per party and business day: documents in and out, refusals, and the lag (seconds, average and largest). */
    public List<Map<String, Object>> stats(int days) {
        Checks.require(days >= 1 && days <= 90, "days", days, "1..90");
        Instant from = clock.instant().minus(Duration.ofDays(days));
        record Key(String party, String day) implements Comparable<Key> {
            public int compareTo(Key o) {
                int c = day.compareTo(o.day);
                return c != 0 ? c : party.compareTo(o.party);
            }
        }
        Map<Key, long[]> acc = new TreeMap<>(); // in, out, failures, lag sum ms, lag n, lag max ms
        for (var d : repository.since(from)) {
            boolean in = "IN".equals(d.direction());
            String party = in ? d.sender() : d.receiver();
            long[] a =
                    acc.computeIfAbsent(new Key(party, DAY.format(d.recordedAt().atZone(zone))), k -> new long[6]);
            a[in ? 0 : 1]++;
            Instant end = in ? d.recordedAt() : d.sentAt();
            Instant start = in ? d.createdAt() : d.recordedAt();
            if (end != null) {
                long lag = Math.max(0, Duration.between(start, end).toMillis());
                a[3] += lag;
                a[4]++;
                a[5] = Math.max(a[5], lag);
            }
        }
        for (var r : repository.refusals(from)) {
            String party = r.sender() == null ? "?" : r.sender();
            acc.computeIfAbsent(new Key(party, DAY.format(r.refusedAt().atZone(zone))), k -> new long[6])[2]++;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        acc.forEach((k, a) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("party", k.party());
            m.put("day", k.day());
            m.put("in", a[0]);
            m.put("out", a[1]);
            m.put("failures", a[2]);
            m.put("lagAvgSeconds", a[4] == 0 ? 0.0 : Math.round(a[3] / (double) a[4]) / 1000.0);
            m.put("lagMaxSeconds", a[5] / 1000.0);
            out.add(m);
        });
        return out;
    }
}
