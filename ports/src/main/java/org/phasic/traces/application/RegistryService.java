package org.phasic.traces.application;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceSummary;
import org.phasic.traces.ports.in.ListTracesUseCase;
import org.phasic.traces.ports.in.RegistryUpdate;
import org.phasic.traces.ports.in.UpdateRegistryUseCase;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.out.RegistryCache;
import org.phasic.traces.ports.out.RegistryCache.Stamp;
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.RegistryFormatException;
import org.phasic.traces.ports.out.RegistrySource;
import org.phasic.traces.ports.out.RegistrySource.RegistryDownload;

/**
 * The registry as this machine knows it: the last good download of the configured source (each source keeps its
 * own copy, so switching sources takes effect at once) over the bundled registry. Refreshes are conditional, and a
 * download that fails, does not parse or is not shaped like a registry never replaces the last good copy; when a
 * refresh made on the way to another command fails, one notice says so. A download is streamed to a staging copy
 * and read once, entry by entry, never held whole. Lookups of one trace read only that entry of the cached copy, and
 * searches stream it.
 */
public final class RegistryService implements ListTracesUseCase, UpdateRegistryUseCase {
    private final RegistrySource source;
    private final RegistryCodec codec;
    private final RegistryCache cache;
    private final Registry bundled;
    private final Notices notices;
    private final Clock clock;
    private final Duration maxAge;
    private final boolean offline;
    private Registry downloaded;
    private boolean downloadedLoaded;
    private boolean fileCidsChecked;
    private boolean refreshAttempted;
    private boolean fallbackNoticed;
    private boolean cachedCopyIgnored;

    /**
     * @param source  where fresh copies come from
     * @param codec   registry JSON codec
     * @param cache   the last good copy
     * @param bundled the registry shipped with the tool
     * @param notices one-line messages to the user
     * @param clock   time source
     * @param maxAge  how old the last good copy may be before {@link #current()} refreshes it
     * @param offline whether the network may be used at all
     */
    public RegistryService(RegistrySource source, RegistryCodec codec, RegistryCache cache, Registry bundled,
                           Notices notices, Clock clock, Duration maxAge, boolean offline) {
        this.source = Objects.requireNonNull(source, "source");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.bundled = Objects.requireNonNull(bundled, "bundled");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.offline = offline;
    }

    /** The registry known locally without any network: the last good download merged over the bundled one. */
    @Override
    public synchronized Registry local() {
        return merged(downloaded());
    }

    /** The bundled registry only. */
    public Registry bundled() {
        return bundled;
    }

    /** {@link #local()}, refreshed first when the last good copy is missing or older than the maximum age. */
    public synchronized Registry current() {
        refreshIfStale();
        return local();
    }

    /**
     * The entry for {@code id} in the {@linkplain #current() current} registry, read without parsing the whole
     * registry: the last good download's entry, else the bundled one.
     */
    public synchronized Optional<TraceEntry> find(TraceId id) {
        refreshIfStale();
        return downloadedEntry(id).or(() -> bundled.find(id));
    }

    @Override
    public synchronized RegistryUpdate update() {
        Attempt attempt = attempt();
        return new RegistryUpdate(attempt.outcome(), attempt.traces().orElseGet(this::localSize), attempt.message());
    }

    /** What an update did; the number of traces is known when it saved a new copy. */
    private record Attempt(RegistryUpdate.Outcome outcome, OptionalInt traces, String message) {
        Attempt(RegistryUpdate.Outcome outcome, String message) {
            this(outcome, OptionalInt.empty(), message);
        }
    }

    /**
     * Downloads the document into a staging copy, reads it once entry by entry (the codec's rules and
     * {@link EntryCheck}, the index and summaries made on the way) and commits it; whatever fails leaves the last
     * good copy as it was.
     */
    private Attempt attempt() {
        if (offline) {
            return new Attempt(RegistryUpdate.Outcome.OFFLINE, "offline: using the registry on this machine");
        }
        Optional<Stamp> last = stamp();
        try (RegistryCache.Staging staging = cache.stage(source.location())) {
            RegistryDownload download = source.fetch(last.flatMap(Stamp::etag), staging.document());
            if (download instanceof RegistryDownload.NotModified) {
                cache.touch(source.location(), clock.instant());
                return new Attempt(RegistryUpdate.Outcome.NOT_MODIFIED, "registry is up to date (" + source.location() + ")");
            }
            Optional<String> etag = download instanceof RegistryDownload.Streamed streamed ? streamed.etag()
                    : ((RegistryDownload.Fetched) download).etag();
            EntryCheck check = new EntryCheck();
            check.verdict(staging.read(check));
            staging.commit(etag, clock.instant());
            downloaded = null;
            downloadedLoaded = false;
            check.warnAboutInvalidFileCids();
            int merged = check.ids.size() + (int) bundled.traces().keySet().stream().filter(id -> !check.ids.contains(id)).count();
            return new Attempt(RegistryUpdate.Outcome.UPDATED, OptionalInt.of(merged),
                    "registry updated from " + source.location() + " (" + check.ids.size() + " traces)");
        } catch (IOException | RegistryFormatException e) {
            return new Attempt(RegistryUpdate.Outcome.FAILED_KEPT_LAST_GOOD, fallbackMessage(e, last));
        }
    }

    /**
     * The checks a download must pass besides the codec's, made entry by entry as the document is read: a version
     * 1.x (checked first, as the version may follow the traces) and a CID on every trace; also gathers the ids and
     * the per-file CIDs that are not valid CIDs.
     */
    private final class EntryCheck implements Consumer<TraceEntry> {
        private final Set<TraceId> ids = new HashSet<>();
        private String missingCid;
        private String firstInvalidFileCid;
        private int invalidFileCids;

        @Override
        public void accept(TraceEntry entry) {
            ids.add(entry.id());
            if (missingCid == null && (entry.cid() == null || entry.cid().isBlank())) {
                missingCid = "$.traces." + entry.id() + ".cid";
            }
            entry.files().forEach((name, file) -> {
                if (file.cid() != null && !Cid.isValid(file.cid())) {
                    invalidFileCids++;
                    if (firstInvalidFileCid == null) {
                        firstInvalidFileCid = "$.traces." + entry.id() + ".files." + name + ".cid";
                    }
                }
            });
        }

        void verdict(Registry header) {
            if (header.version() == null || !header.version().startsWith("1.")) {
                throw new RegistryFormatException("unsupported registry version " + header.version() + " at $.version");
            }
            if (missingCid != null) {
                throw new RegistryFormatException("trace has no cid at " + missingCid);
            }
        }

        void warnAboutInvalidFileCids() {
            if (!fileCidsChecked) {
                fileCidsChecked = true;
                if (invalidFileCids > 0) {
                    notices.notice("registry: " + invalidFileCids + " file CID(s) are not valid CIDs (first: " + firstInvalidFileCid
                            + "); those files are fetched and verified through their trace's directory CID");
                }
            }
        }
    }

    /** How many traces {@link #local()} has, counted from the cached copy's summaries rather than by parsing it. */
    private int localSize() {
        if (downloadedLoaded) {
            return local().traces().size();
        }
        Set<TraceId> listed = new HashSet<>();
        try {
            cache.summaries(source.location(), summary -> listed.add(summary.id()));
        } catch (IOException | RegistryFormatException e) {
            ignoreCachedCopy(e);
            return bundled.traces().size();
        }
        return listed.size() + (int) bundled.traces().keySet().stream().filter(id -> !listed.contains(id)).count();
    }

    /** One line naming the source once: why the refresh failed, which registry is used instead, and the source's hint. */
    private String fallbackMessage(Exception e, Optional<Stamp> last) {
        String reason = String.valueOf(e.getMessage());
        String hint = "";
        int hintAt = reason.indexOf(". Hint: ");
        if (hintAt > 0) {
            hint = reason.substring(hintAt);
            reason = reason.substring(0, hintAt);
        }
        int named = reason.indexOf(source.location());
        if (named >= 0) {
            reason = reason.substring(named + source.location().length()).replaceFirst("^(: | is | )", "");
        }
        return "could not update the registry from " + source.location() + " (" + reason + "); using "
                + (last.isPresent() ? "the last good copy from " + last.get().checkedAt() : "the bundled registry") + hint;
    }

    /**
     * {@link #update()} for a command that needs the registry on the way: a failure is said once per process (as a
     * notice); the registry then in use is {@link #local()}.
     */
    public synchronized void refresh() {
        Attempt result = attempt();
        if (result.outcome() == RegistryUpdate.Outcome.FAILED_KEPT_LAST_GOOD && !fallbackNoticed) {
            fallbackNoticed = true;
            notices.notice(result.message());
        }
    }

    private void refreshIfStale() {
        if (!offline && !refreshAttempted && isStale()) {
            refreshAttempted = true;
            refresh();
        }
    }

    @Override
    public synchronized List<TraceEntry> list(RegistryQuery query) {
        return search(query, Function.identity(), TraceEntry::id, query::matches, each -> {
            Optional<InputStream> document = cache.open(source.location());
            if (document.isPresent()) {
                try (InputStream in = document.get()) {
                    codec.readEntries(in, each);
                }
            }
        });
    }

    @Override
    public synchronized List<TraceSummary> summaries(RegistryQuery query) {
        return search(query, TraceSummary::of, TraceSummary::id, query::matches, each -> cache.summaries(source.location(), each));
    }

    /** Reads the last good download's entries (as {@code T}) one at a time. */
    private interface CachedEntries<T> {
        void read(Consumer<T> each) throws IOException;
    }

    /** The matches of {@code query} among the last good download's entries (read by {@code cached}) and the bundled ones it lacks, by id. */
    private <T> List<T> search(RegistryQuery query, Function<TraceEntry, T> fromEntry, Function<T, TraceId> idOf, Predicate<T> matches,
                               CachedEntries<T> cached) {
        refreshIfStale();
        if (downloadedLoaded) {
            return local().search(query).stream().map(fromEntry).toList();
        }
        Map<TraceId, T> found = new TreeMap<>();
        Set<TraceId> listed = new HashSet<>();
        try {
            cached.read(item -> {
                TraceId id = idOf.apply(item);
                listed.add(id);
                if (matches.test(item)) {
                    found.put(id, item);
                }
            });
        } catch (IOException | RegistryFormatException e) {
            ignoreCachedCopy(e);
            return bundled.search(query).stream().map(fromEntry).toList();
        }
        bundled.traces().values().stream().filter(entry -> !listed.contains(entry.id())).filter(query::matches)
                .forEach(entry -> found.put(entry.id(), fromEntry.apply(entry)));
        return List.copyOf(found.values());
    }

    /**
     * The registry entries that may satisfy {@code id}, most authoritative first: the downloaded registry's
     * entry, then the bundled entry when its CID differs. Reads only that entry of the last good download.
     */
    public synchronized List<TraceEntry> candidates(TraceId id) {
        List<TraceEntry> candidates = new ArrayList<>();
        downloadedEntry(id).ifPresent(candidates::add);
        bundled.find(id).filter(entry -> candidates.stream().noneMatch(c -> Objects.equals(c.cid(), entry.cid())))
                .ifPresent(candidates::add);
        return candidates;
    }

    private Optional<TraceEntry> downloadedEntry(TraceId id) {
        if (downloadedLoaded) {
            return downloaded == null ? Optional.empty() : downloaded.find(id);
        }
        try {
            Optional<byte[]> json = cache.entry(source.location(), id.value());
            if (json.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(codec.readEntry(id, new ByteArrayInputStream(json.get())));
        } catch (IOException | RegistryFormatException e) {
            ignoreCachedCopy(e);
            return Optional.empty();
        }
    }

    private boolean isStale() {
        Optional<Stamp> last = stamp();
        return last.isEmpty() || last.get().checkedAt().plus(maxAge).isBefore(clock.instant());
    }

    private Optional<Stamp> stamp() {
        try {
            return cache.stamp(source.location());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cached registry: " + e.getMessage(), e);
        }
    }

    private void ignoreCachedCopy(Exception e) {
        if (!cachedCopyIgnored) {
            cachedCopyIgnored = true;
            notices.notice("ignoring the cached registry (" + e.getMessage() + ")");
        }
    }

    /** The last good copy, read once per process entry by entry (never as one tree), or null when there is none or it does not read. */
    private Registry downloaded() {
        if (!downloadedLoaded) {
            downloadedLoaded = true;
            try {
                Optional<InputStream> document = cache.open(source.location());
                if (document.isPresent()) {
                    Map<TraceId, TraceEntry> entries = new HashMap<>();
                    Registry header;
                    try (InputStream in = document.get()) {
                        header = codec.scan(in, (entry, offset, length) -> entries.put(entry.id(), entry));
                    }
                    downloaded = new Registry(header.version(), header.updated(), entries, header.collections(),
                            header.pinningServices(), header.extra());
                    warnOnceAboutInvalidFileCids(downloaded);
                }
            } catch (IOException | RegistryFormatException e) {
                ignoreCachedCopy(e);
            }
        }
        return downloaded;
    }

    /**
     * Per-file CIDs are informational (every file is reached and verified through the directory CID), so invalid
     * ones — the live registry carries placeholders — are reported once per process and otherwise ignored.
     */
    private void warnOnceAboutInvalidFileCids(Registry registry) {
        EntryCheck check = new EntryCheck();
        registry.traces().values().forEach(check);
        check.warnAboutInvalidFileCids();
    }

    private Registry merged(Registry remote) {
        if (remote == null) {
            return bundled;
        }
        Registry merged = remote;
        for (TraceEntry entry : bundled.traces().values()) {
            if (remote.find(entry.id()).isEmpty()) {
                merged = merged.with(entry, remote.updated());
            }
        }
        return merged;
    }

    /** When the last good copy of the configured source was fetched or confirmed, if there is one. */
    public Optional<Instant> lastChecked() {
        return stamp().map(Stamp::checkedAt);
    }
}
