package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.phasic.traces.app.store.DiskTraceStore;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;

/** A process killed with SIGKILL while writing into the store leaves nothing a later {@code get} trusts or waits for. */
class CrashSafetyTest {
    private static final String ID = "kingman_n5_theta1";

    @TempDir
    Path temp;

    @Test
    void aWriterKilledMidWriteLeavesNoEntryAndTheNextGetSucceedsWithoutWaitingForItsLock() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        String root = BundledEntries.cid(ID);
        Process writer = cli.java(StallingStoreWriter.class.getName(), List.of(cli.store().toString(), root))
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("STAGED true");
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(cli.storeEntries("tmp")).as("the half-written staging file").hasSize(1);
        assertThat(cli.storeEntries("locks")).containsExactly(root + ".lock");
        assertThat(cli.storeEntries("refs")).isEmpty();
        assertThat(cli.storeEntries("objects")).isEmpty();

        Instant started = Instant.now();
        CliRun get = cli.run("--offline", "--set", "store.lockWait=10m", "get", ID);

        assertThat(get.code()).as(get.err()).isZero();
        assertThat(Duration.between(started, Instant.now())).as("the dead writer's lock was taken over, not waited out")
                .isLessThan(Duration.ofMinutes(1));
        assertThat(get.err()).contains("from bundled library, verified");
        assertThat(cli.storeEntries("locks")).isEmpty();
        assertThat(cli.storeEntries("tmp")).as("ignored, not trusted").hasSize(1);
        assertThat(cli.run("--offline", "verify").out()).isEqualToIgnoringNewLines("store is intact");
        assertThat(cli.run("--offline", "get", ID).err()).contains("from local store");
    }

    @Test
    void aWriterKilledAtAnyMomentOfTheRealCommitPathLeavesNoCorruptEntry() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        Files.createDirectories(cli.store());
        for (int kill : new int[] {0, 3, 17}) {
            Process writer = cli.java(CommittingStoreWriter.class.getName(), List.of(cli.store().toString()))
                    .redirectErrorStream(true).start();
            int committed = -1;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8))) {
                while (committed < kill) {
                    String line = lines.readLine();
                    assertThat(line).as("the writer's output").isNotNull().startsWith("COMMITTED ");
                    committed = Integer.parseInt(line.substring("COMMITTED ".length()));
                }
            } finally {
                writer.destroyForcibly();
                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            DiskTraceStore store = new DiskTraceStore(cli.store(), Duration.ofMinutes(10), java.time.Clock.systemUTC());

            assertThat(store.verifyAll(false)).as("killed after commit %d", committed).isEmpty();
            for (int i = 0; i <= committed; i++) {
                assertThat(store.findAny(CommittingStoreWriter.id(i))).as("committed trace %d", i).isPresent();
            }
            assertThat(store.problems()).isEmpty();
        }
    }

    @Test
    void aLiveButStuckLockHolderIsWaitedForOnlyUntilTheLockWaitEnds() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        String root = BundledEntries.cid(ID);
        Process writer = cli.java(StallingStoreWriter.class.getName(), List.of(cli.store().toString(), root))
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("STAGED true");

            CliRun get = cli.run("--offline", "--set", "store.lockWait=300ms", "get", ID);

            assertThat(get.code()).as(get.err()).isZero();
            assertThat(get.err()).contains("from bundled library, verified");
            assertThat(cli.storeEntries("locks")).as("the live holder's lock is not ours to remove").containsExactly(root + ".lock");
            assertThat(writer.isAlive()).isTrue();
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(cli.run("--offline", "verify").out()).isEqualToIgnoringNewLines("store is intact");
    }

    @Test
    void gcRemovesAbandonedStagingFilesOnceTheyAreOld() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        assertThat(cli.run("--offline", "get", ID).code()).isZero();
        Path abandoned = Files.write(cli.store().resolve("tmp").resolve("stage-999999999-crashed"), new byte[100]);
        Path recent = Files.write(cli.store().resolve("tmp").resolve("stage-999999998-busy"), new byte[10]);
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        CliRun gc = cli.run("--offline", "gc");

        assertThat(gc.code()).as(gc.err()).isZero();
        assertThat(gc.out()).contains("removed 0 trace(s), 0 file(s), 100 bytes");
        assertThat(abandoned).doesNotExist();
        assertThat(recent).as("may still be written by a live process").exists();
        assertThat(cli.run("--offline", "get", ID).err()).contains("from local store");
    }
}
