package org.citycard.clearing.reference;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.citycard.clearing.support.Checks;
import org.citycard.clearing.support.ConflictException;
import org.citycard.clearing.support.NotFoundException;
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

    public HotlistService(HotlistRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
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

    /** The hotlist at its current version: everything, or only the changes after {@code sinceVersion}. */
    @Transactional(readOnly = true)
    public Snapshot snapshot(Long sinceVersion) {
        long version = version();
        if (sinceVersion == null) {
            return new Snapshot(
                    version, null, entries().stream().map(HotlistEntry::asn).toList(), List.of());
        }
        return new Snapshot(version, sinceVersion, List.of(), repository.changesSince(sinceVersion));
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
        Instant now = clock.instant();
        long version = repository.nextVersion(HOTLIST);
        HotlistEntry e = new HotlistEntry(asn, reason, now, version);
        repository.insert(e);
        repository.change(version, asn, 'A', now, by);
        return e;
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
     */
    public record Snapshot(long version, Long since, List<String> asns, List<HotlistChange> changes) {}
}
