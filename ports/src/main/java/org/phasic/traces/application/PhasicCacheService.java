package org.phasic.traces.application;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.Checksum;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.PhasicCacheFile;
import org.phasic.traces.ports.in.PhasicCacheFile.Status;
import org.phasic.traces.ports.in.PhasicCacheUseCase;
import org.phasic.traces.ports.in.UseCaseException;
import org.phasic.traces.ports.out.PhasicCache;

/**
 * The bridge into phasic's own trace cache: verified traces are copied where phasic's Python {@code get_trace} looks
 * (only where phasic has no file yet), and phasic's files are checked against the registry checksums.
 */
public final class PhasicCacheService implements PhasicCacheUseCase {
    private final RegistryService registry;
    private final FetchService fetch;
    private final PhasicCache cache;
    private final Notices notices;

    public PhasicCacheService(RegistryService registry, FetchService fetch, PhasicCache cache, Notices notices) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    /** Copies the verified {@code trace.json.gz} of {@code trace} into phasic's cache unless phasic has one; never fails. */
    public void offer(FetchedTrace trace) {
        trace.stored().file(TraceEntry.TRACE_FILE).ifPresent(file -> {
            try {
                cache.put(trace.entry().id(), file.path(), false);
            } catch (IOException | RuntimeException e) {
                notices.notice("could not place " + trace.entry().id() + " in phasic's cache " + cache.folder() + " (" + e + ")");
            }
        });
    }

    @Override
    public List<PhasicCacheFile> verify(boolean fix) {
        Map<String, Path> files;
        try {
            files = cache.files();
        } catch (IOException e) {
            throw TraceService.failed(e);
        }
        List<PhasicCacheFile> checked = new ArrayList<>();
        files.forEach((id, file) -> checked.add(check(id, file, fix)));
        return checked;
    }

    private PhasicCacheFile check(String name, Path file, boolean fix) {
        if (!TraceId.isValid(name)) {
            return new PhasicCacheFile(name, file, Status.UNKNOWN, "not a trace id");
        }
        TraceId id = TraceId.of(name);
        List<Checksum> expected = new ArrayList<>();
        for (TraceEntry entry : registry.candidates(id)) {
            if (entry.checksum() != null) {
                try {
                    expected.add(Checksum.parse(entry.checksum()));
                } catch (IllegalArgumentException malformed) {
                    // a registry entry with a malformed checksum vouches for nothing
                }
            }
        }
        if (expected.isEmpty()) {
            return new PhasicCacheFile(name, file, Status.UNKNOWN, "no registry known here lists it with a checksum");
        }
        String sha256;
        try {
            sha256 = sha256(file);
        } catch (IOException e) {
            return new PhasicCacheFile(name, file, Status.BAD, "unreadable (" + e.getMessage() + ")");
        }
        byte[] digest = HexFormat.of().parseHex(sha256);
        if (expected.stream().anyMatch(checksum -> checksum.matches(digest))) {
            return new PhasicCacheFile(name, file, Status.OK, "");
        }
        String detail = "SHA-256 is " + sha256 + ", the registry says " + expected.get(0);
        return fix ? replace(id, file, detail) : new PhasicCacheFile(name, file, Status.BAD, detail);
    }

    private PhasicCacheFile replace(TraceId id, Path file, String detail) {
        try {
            FetchedTrace verified = fetch.get(id, false);
            cache.put(id, verified.stored().file(TraceEntry.TRACE_FILE).orElseThrow().path(), true);
            return new PhasicCacheFile(id.value(), file, Status.FIXED, detail);
        } catch (IOException | UseCaseException e) {
            return new PhasicCacheFile(id.value(), file, Status.BAD, detail + "; could not replace it (" + e.getMessage() + ")");
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256.hex(in);
        }
    }
}
