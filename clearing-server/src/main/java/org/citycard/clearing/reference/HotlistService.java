package org.citycard.clearing.reference;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.ConflictException;
import org.citycard.clearing.support.NotFoundException;
import org.citycard.dictionary.format.CompactHotlist;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hotlist (黑名单): cards whose loads are refused and whose later offline records are quarantined. Each change
 * raises the hotlist version that terminals see on sign-on (field 62) and fetch over HTTP.
 */
@Service
public class HotlistService {
    public static final String HOTLIST = "hotlist";
    public static final String PARAMETERS = "parameters";

    private final HotlistRepository repository;
    private final Clock clock;
    private final java.time.ZoneId zone;
    private final int capacity;

    @org.springframework.beans.factory.annotation.Autowired
    public HotlistService(
            HotlistRepository repository, Clock clock, org.citycard.clearing.support.BusinessCalendar calendar) {
        this(repository, clock, calendar.zone(), CompactHotlist.CAPACITY);
    }

    /**
     * @param zone where "today" is, for the cards' expiry dates
     * @param capacity the most entries a terminal's hotlist holds (dictionary parameter {@code hotlist_capacity})
     */
    public HotlistService(HotlistRepository repository, Clock clock, java.time.ZoneId zone, int capacity) {
        this.repository = repository;
        this.clock = clock;
        this.zone = zone;
        this.capacity = capacity;
    }

    /** The most entries a terminal's hotlist holds. */
    public int capacity() {
        return capacity;
    }

    private String today() {
        return java.time.LocalDate.now(clock.withZone(zone)).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    }

    public long version() {
        return repository.version(HOTLIST);
    }

    public long parameterVersion() {
        return repository.version(PARAMETERS);
    }

    public List<HotlistEntry> entries() {
        return repository.entries();
    }

    public Optional<HotlistEntry> find(String asn) {
        return repository.entry(asn);
    }

    /**
     * The hotlist at its current version for a terminal: everything, or only the changes after {@code sinceVersion}.
     * Cards past their expiry date are left out (an added card that has expired since is not sent; a terminal drops
     * such entries itself by the expiry each entry carries). The whole list is answered instead of the changes when
     * {@code sinceVersion} is too old (changes before it are no longer kept), newer than the current version, or when
     * the changes would be more than the whole list.
     */
    @Transactional(readOnly = true)
    public Snapshot snapshot(Long sinceVersion) {
        long version = version();
        String today = today();
        if (sinceVersion != null && sinceVersion >= 0 && sinceVersion <= version) {
            long oldest = repository.oldestChange();
            boolean kept = sinceVersion == version || (oldest > 0 && sinceVersion >= oldest - 1);
            if (kept) {
                List<HotlistChange> changes = repository.changesSince(sinceVersion);
                java.util.Map<String, String> expiries = repository.expiries(
                        changes.stream().map(HotlistChange::asn).toList());
                List<HotlistChange> sent = changes.stream()
                        .filter(c -> c.type() == HotlistChange.Type.REMOVE
                                || expiries.getOrDefault(c.asn(), today).compareTo(today) >= 0)
                        .toList();
                if (sent.size() <= repository.liveCount(today)) {
                    java.util.Map<String, String> added = new java.util.TreeMap<>();
                    sent.stream()
                            .filter(c -> c.type() == HotlistChange.Type.ADD && expiries.containsKey(c.asn()))
                            .forEach(c -> added.put(c.asn(), expiries.get(c.asn())));
                    return new Snapshot(version, sinceVersion, List.of(), sent, added);
                }
            }
        }
        java.util.SortedMap<String, String> live = repository.liveEntries(today);
        java.util.Map<String, String> known = new java.util.TreeMap<>();
        live.forEach((asn, expiry) -> {
            if (expiry != null) {
                known.put(asn, expiry);
            }
        });
        return new Snapshot(version, null, List.copyOf(live.keySet()), List.of(), known);
    }

    /**
     * The whole hotlist at its current version in the terminal's compact form (layouts hotlist_compact_header and
     * hotlist_compact_entry): cards past their expiry left out, each entry with its card's expiry
     * ({@link org.citycard.dictionary.format.CompactHotlist#NO_EXPIRY} where unknown), sorted by ASN.
     */
    @Transactional(readOnly = true)
    public org.citycard.dictionary.format.CompactHotlist.Image compactImage() {
        long version = version();
        java.util.SortedMap<String, String> live = repository.liveEntries(today());
        return new org.citycard.dictionary.format.CompactHotlist.Image(
                version, org.citycard.dictionary.format.CompactHotlist.of(live, Math.max(capacity, live.size())));
    }

    @Transactional
    public HotlistEntry add(String asn, String reason, String by) {
        Checks.element("asn", "asn", asn);
        Checks.require(
                reason != null && !reason.isBlank() && reason.length() <= 80,
                "reason",
                reason,
                "a reason of 1..80 characters");
        if (repository.entry(asn).isPresent()) {
            throw new ConflictException("card " + asn + " is on the hotlist already");
        }
        checkCapacity(asn); // before anything changes
        Instant now = clock.instant();
        long version = repository.nextVersion(HOTLIST);
        checkCapacity(asn); // again under the version's row lock: a concurrent add is rolled back with this one

        HotlistEntry e = new HotlistEntry(asn, reason, now, version);
        repository.insert(e);
        repository.change(version, asn, 'A', now, by);
        return e;
    }

    private void checkCapacity(String asn) {
        int live = repository.liveCount(today());
        if (live >= capacity) {
            throw new ConflictException("card " + asn + " is not listed: the hotlist holds " + live
                    + " entries of cards not expired, its capacity (hotlist_capacity) is " + capacity
                    + "; take cards off it first");
        }
    }

    @Transactional
    public long remove(String asn, String by) {
        Checks.element("asn", "asn", asn);
        if (!repository.delete(asn)) {
            throw new NotFoundException("card " + asn + " is not on the hotlist");
        }
        long version = repository.nextVersion(HOTLIST);
        repository.change(version, asn, 'R', clock.instant(), by);
        return version;
    }

    /**
     * The hotlist for an agent.
     *
     * @param since the version the agent asked changes from, or null for the full list
     * @param asns the full list (when {@code since} is null)
     * @param changes the changes after {@code since}
     * @param expiries the expiry date (YYYYMMDD) of each card in {@code asns} or added by {@code changes}, where the
     *     server knows it (a card without one stays on a terminal's list until it is taken off)
     */
    public record Snapshot(
            long version,
            Long since,
            List<String> asns,
            List<HotlistChange> changes,
            java.util.Map<String, String> expiries) {}
}
