package org.phasic.traces.app.fetch;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phasic.traces.app.store.DiskTraceStore;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.out.TraceStore.StagedFile;
import org.phasic.traces.ports.out.TraceStore.VerifiedStagedFile;

/**
 * A process that commits traces into {@code STORE} through the store's real commit path, one after another, printing
 * {@code COMMITTED i} after each, until it is killed (run by {@link CrashSafetyTest}, killed with SIGKILL at some
 * moment). Trace {@code i} has two files whose names stand in for CIDs.
 * <pre>java ... CommittingStoreWriter STORE</pre>
 */
public final class CommittingStoreWriter {
    private CommittingStoreWriter() {
    }

    public static void main(String[] args) throws Exception {
        DiskTraceStore store = new DiskTraceStore(Path.of(args[0]), Duration.ofMinutes(10), Clock.systemUTC());
        for (int i = 0; ; i++) {
            Map<String, VerifiedStagedFile> files = new LinkedHashMap<>();
            files.put(TraceEntry.TRACE_FILE, stage(store, ("trace " + i + " ").repeat(1000 + i)));
            files.put(TraceEntry.METADATA_FILE, stage(store, "{\"index\": " + i + "}"));
            store.commit(id(i), "Qmroot" + Sha256.hex(("root " + i).getBytes(StandardCharsets.UTF_8)), files);
            System.out.println("COMMITTED " + i);
            System.out.flush();
        }
    }

    static TraceId id(int i) {
        return TraceId.of("crash_" + i);
    }

    private static VerifiedStagedFile stage(DiskTraceStore store, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StagedFile staged = store.stage();
        try (OutputStream out = staged.output()) {
            out.write(bytes);
        }
        staged.close();
        return new VerifiedStagedFile(staged, "Qmfile" + Sha256.hex(bytes));
    }
}
