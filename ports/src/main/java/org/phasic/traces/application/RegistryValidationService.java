package org.phasic.traces.application;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.RegistryDefect;
import org.phasic.traces.domain.registry.RegistryValidator;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.in.ValidateRegistryUseCase;
import org.phasic.traces.ports.out.RegistryCache;
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.RegistryFormatException;
import org.phasic.traces.ports.out.RegistrySource;
import org.phasic.traces.ports.out.RegistrySource.RegistryDownload;
import org.phasic.traces.ports.out.RegistrySourceFactory;

/**
 * Strict registry checks: the document (with the bound codec and HTTP settings), and optionally every trace's content.
 * Offline, nothing is downloaded: the configured registry is checked through its last good copy.
 */
public final class RegistryValidationService implements ValidateRegistryUseCase {
    private final RegistrySourceFactory sources;
    private final RegistryCodec codec;
    private final FetchService fetch;
    private final RegistryCache cache;
    private final boolean offline;

    /**
     * @param cache   the last good copies, checked instead of the configured source when offline
     * @param offline whether the network may be used at all
     */
    public RegistryValidationService(RegistrySourceFactory sources, RegistryCodec codec, FetchService fetch, RegistryCache cache,
                                     boolean offline) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.offline = offline;
    }

    @Override
    public RegistryValidation validate(Optional<String> location, boolean fetchEveryTrace, Progress progress) {
        RegistrySource source;
        try {
            source = location.isPresent() ? sources.at(location.get()) : sources.configured();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), Hint.of(Hint.Kind.CHECK_INPUT, location.orElse("")));
        }
        byte[] document;
        try {
            document = offline && source.usesNetwork() ? offlineCopy(source, location.isPresent()) : download(source);
        } catch (IOException e) {
            throw new OperationFailedException(e.getMessage(), Hint.NONE, e);
        }
        List<RegistryDefect> defects = new ArrayList<>();
        Registry registry = null;
        try {
            registry = codec.read(new ByteArrayInputStream(document));
            defects.addAll(new RegistryValidator().validate(registry));
        } catch (RegistryFormatException e) {
            defects.add(new RegistryDefect(e.jsonPath().orElse("$"), e.problem()));
        } catch (IOException e) {
            throw new OperationFailedException(e.getMessage(), Hint.NONE, e);
        }
        if (fetchEveryTrace && registry != null) {
            defects.addAll(retrievalDefects(registry, progress));
        }
        return new RegistryValidation(source.location(), Optional.ofNullable(registry), defects);
    }

    private static byte[] download(RegistrySource source) throws IOException {
        RegistryDownload download = source.fetch(Optional.empty());
        if (!(download instanceof RegistryDownload.Fetched fetched)) {
            throw new IOException("the registry at " + source.location() + " sent no document");
        }
        return fetched.bytes();
    }

    /** Offline, a network source is checked through its last good copy on this machine (the configured one only). */
    private byte[] offlineCopy(RegistrySource source, boolean named) throws IOException {
        Optional<RegistryCache.CachedRegistry> copy = named ? Optional.empty() : cache.load(source.location());
        return copy.orElseThrow(() -> new IOException("offline: not downloading " + source.location()
                + (named ? "" : ", and this machine has no copy of it") + ". Hint: give a local file, or drop --offline")).bytes();
    }

    private List<RegistryDefect> retrievalDefects(Registry registry, Progress progress) {
        List<RegistryDefect> defects = new ArrayList<>();
        int total = registry.traces().size();
        int index = 0;
        for (TraceEntry entry : registry.traces().values()) {
            index++;
            try {
                progress.checked(index, total, Batches.fetched(entry.id(), fetch.fetch(entry).servedBy()));
            } catch (IOException | RuntimeException e) {
                defects.add(new RegistryDefect("$.traces." + entry.id(), "not retrievable: " + e.getMessage()));
                progress.checked(index, total, BatchItem.failed(entry.id(), String.valueOf(e.getMessage())));
            }
        }
        return defects;
    }
}
