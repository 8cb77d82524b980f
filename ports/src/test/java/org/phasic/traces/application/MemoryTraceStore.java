package org.phasic.traces.application;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.StoreProblem;
import org.phasic.traces.ports.out.TraceStore;

/**
 * A {@link TraceStore} in memory that counts staging files nobody committed or discarded; with a folder, committed files
 * are also written there (by CID), so their paths can be read.
 */
final class MemoryTraceStore implements TraceStore {
    final Map<TraceId, StoredTrace> refs = new ConcurrentHashMap<>();
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final AtomicInteger openStagings = new AtomicInteger();
    private final Path folder;

    MemoryTraceStore() {
        this(null);
    }

    /** @param folder where committed files are written too, or null */
    MemoryTraceStore(Path folder) {
        this.folder = folder;
    }

    /** Staging files neither committed nor discarded (a leak if not zero after a call). */
    int openStagings() {
        return openStagings.get();
    }

    @Override
    public Optional<StoredTrace> find(TraceId id, String rootCid) {
        return findAny(id).filter(trace -> trace.rootCid().equals(rootCid));
    }

    @Override
    public Optional<StoredTrace> findAny(TraceId id) {
        return Optional.ofNullable(refs.get(id));
    }

    @Override
    public StagedFile stage() {
        openStagings.incrementAndGet();
        return new MemoryStagedFile();
    }

    @Override
    public StoredTrace commit(TraceId id, String rootCid, Map<String, VerifiedStagedFile> files) {
        Map<String, StoredFile> stored = new LinkedHashMap<>();
        files.forEach((name, file) -> {
            MemoryStagedFile staged = (MemoryStagedFile) file.staged();
            objects.put(file.cid(), staged.bytes.toByteArray());
            staged.finish();
            stored.put(name, new StoredFile(file.cid(), staged.size(), staged.sha256(), written(file.cid(), staged.bytes.toByteArray())));
        });
        StoredTrace trace = new StoredTrace(id, rootCid, stored);
        refs.put(id, trace);
        return trace;
    }

    private Path written(String cid, byte[] bytes) {
        if (folder == null) {
            return Path.of("memory", cid);
        }
        try {
            return Files.write(Files.createDirectories(folder).resolve(cid), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public WorkLock lock(String rootCid, Duration maxWait) {
        return new WorkLock() {
            @Override
            public boolean held() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public List<StoreProblem> problems() {
        return List.of();
    }

    private final class MemoryStagedFile implements StagedFile {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean finished;

        @Override
        public OutputStream output() {
            return bytes;
        }

        @Override
        public void close() {
        }

        @Override
        public void discard() {
            finish();
        }

        private void finish() {
            if (!finished) {
                finished = true;
                openStagings.decrementAndGet();
            }
        }

        @Override
        public long size() {
            return bytes.size();
        }

        @Override
        public String sha256() {
            return Sha256.hex(bytes.toByteArray());
        }
    }
}
