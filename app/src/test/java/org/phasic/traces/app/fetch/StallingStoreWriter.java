package org.phasic.traces.app.fetch;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.phasic.traces.app.store.DiskTraceStore;
import org.phasic.traces.ports.out.TraceStore.StagedFile;
import org.phasic.traces.ports.out.TraceStore.WorkLock;

/**
 * A process that dies in the middle of writing (run by {@link CrashSafetyTest}, killed with SIGKILL): it takes the work
 * lock of {@code ROOT_CID}, stages half a file in {@code STORE}, prints {@code STAGED} and waits to be killed.
 * <pre>java ... StallingStoreWriter STORE ROOT_CID</pre>
 */
public final class StallingStoreWriter {
    private StallingStoreWriter() {
    }

    public static void main(String[] args) throws Exception {
        DiskTraceStore store = new DiskTraceStore(Path.of(args[0]), Duration.ofMinutes(10), Clock.systemUTC());
        WorkLock lock = store.lock(args[1], Duration.ZERO);
        StagedFile staged = store.stage();
        OutputStream out = staged.output();
        out.write(new byte[4096]);
        out.flush();
        System.out.println("STAGED " + lock.held());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(2).toMillis());
    }
}
