package org.phasic.traces.app.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.out.PhasicCache;

/** {@link PhasicCache} on phasic's {@code traces} folder: {@code <folder>/<id>/trace.json.gz}, laid out as phasic writes it. */
public final class PhasicCacheFolder implements PhasicCache {
    private final Path folder;

    /** @param folder phasic's {@code traces} folder, e.g. {@code ~/.phasic_traces/traces} */
    public PhasicCacheFolder(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public Map<String, Path> files() throws IOException {
        Map<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> traces = Files.newDirectoryStream(folder, Files::isDirectory)) {
            for (Path trace : traces) {
                Path file = trace.resolve(TraceEntry.TRACE_FILE);
                if (Files.isRegularFile(file)) {
                    files.put(trace.getFileName().toString(), file);
                }
            }
        }
        return files;
    }

    @Override
    public boolean put(TraceId id, Path verified, boolean replace) throws IOException {
        Path target = folder.resolve(id.value()).resolve(TraceEntry.TRACE_FILE);
        if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path parent = Files.createDirectories(target.getParent());
        Path staged = Files.createTempFile(parent, ".phasic-traces-", ".part");
        try {
            Files.copy(verified, staged, StandardCopyOption.REPLACE_EXISTING);
            staged.toFile().setWritable(true, true);
            if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            Files.deleteIfExists(staged);
        }
    }
}
