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
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.RegistryFormatException;
import org.phasic.traces.ports.out.RegistrySource;
import org.phasic.traces.ports.out.RegistrySource.RegistryDownload;
import org.phasic.traces.ports.out.RegistrySourceFactory;

/** Strict registry checks: the document (with the bound codec and HTTP settings), and optionally every trace's content. */
public final class RegistryValidationService implements ValidateRegistryUseCase {
    private final RegistrySourceFactory sources;
    private final RegistryCodec codec;
    private final FetchService fetch;

    public RegistryValidationService(RegistrySourceFactory sources, RegistryCodec codec, FetchService fetch) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
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
            RegistryDownload download = source.fetch(Optional.empty());
            if (!(download instanceof RegistryDownload.Fetched fetched)) {
                throw new IOException("the registry at " + source.location() + " sent no document");
            }
            document = fetched.bytes();
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
