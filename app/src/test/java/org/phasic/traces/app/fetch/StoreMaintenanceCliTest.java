package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.store.DiskTraceStore;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.out.TraceStore.StagedFile;
import org.phasic.traces.ports.out.TraceStore.VerifiedStagedFile;
import org.phasic.traces.app.testing.CliRun;

/** {@code verify} and {@code gc} through the CLI on a damaged or cluttered store. */
class StoreMaintenanceCliTest {
    @TempDir
    Path temp;

    @Test
    void verifyReportsDamageThenFixRemovesItAndTheNextGetHeals() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        Path damaged = cli.run("--offline", "get", "kingman_n3_theta1").firstLine();
        Path intact = cli.run("--offline", "get", "kingman_n5_theta1").firstLine();
        damaged.toFile().setWritable(true);
        Files.write(damaged, new byte[] {0x1f, (byte) 0x8b, 0});

        CliRun report = cli.run("--offline", "verify");

        assertThat(report.code()).isEqualTo(ExitCode.FAILED);
        assertThat(report.out().strip()).startsWith("bad     kingman_n3_theta1/trace.json.gz: size is 3 bytes, expected ")
                .doesNotContain("kingman_n5_theta1");
        assertThat(report.err()).contains("phasic-traces verify --fix");
        assertThat(damaged).as("reporting removes nothing").exists();

        CliRun fix = cli.run("--offline", "verify", "--fix");

        assertThat(fix.code()).isZero();
        assertThat(fix.out().strip()).startsWith("removed kingman_n3_theta1/trace.json.gz: size is 3 bytes");
        assertThat(damaged).doesNotExist();
        assertThat(intact).exists();
        assertThat(cli.storeEntries("refs")).containsExactly("kingman_n5_theta1.json");
        assertThat(cli.run("--offline", "verify").out()).isEqualToIgnoringNewLines("store is intact");
        CliRun refetch = cli.run("--offline", "get", "kingman_n3_theta1");
        assertThat(refetch.err()).contains("from bundled library, verified");
        assertThat(refetch.firstLine()).isEqualTo(damaged);
        assertThat(cli.run("--offline", "get", "kingman_n5_theta1").err()).contains("from local store");
    }

    @Test
    void gcDryRunOnlyReportsAndGcRemovesUnlistedTracesAndOrphansButKeepsListedAndPinnedOnes() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        Path kept = cli.run("--offline", "get", "kingman_n5_theta1").firstLine();
        DiskTraceStore store = new DiskTraceStore(cli.store(), Duration.ofMinutes(10), Clock.systemUTC());
        Path retired = commit(store, "retired_trace", "QmRetiredFile0000000000000000000000000000000000", 500);
        Path pinned = commit(store, "pinned_trace", "QmPinnedFile00000000000000000000000000000000000", 300);
        store.pin(TraceId.of("pinned_trace"), true);
        Path orphan = Files.write(cli.store().resolve("objects").resolve("QmOrphan000000000000000000000000000000000000000"), new byte[70]);

        CliRun dryRun = cli.run("--offline", "gc", "--dry-run");

        assertThat(dryRun.code()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("would remove trace retired_trace", "would remove 1 trace(s), 2 file(s), 570 bytes (dry run: nothing removed)")
                .doesNotContain("pinned_trace", "kingman");
        assertThat(retired).exists();
        assertThat(orphan).exists();

        CliRun gc = cli.run("--offline", "gc");

        assertThat(gc.code()).isZero();
        assertThat(gc.out()).contains("removed trace retired_trace", "removed 1 trace(s), 2 file(s), 570 bytes");
        assertThat(retired).doesNotExist();
        assertThat(orphan).doesNotExist();
        assertThat(pinned).exists();
        assertThat(kept).exists();
        assertThat(cli.storeEntries("refs")).containsExactly("kingman_n5_theta1.json", "pinned_trace.json");
        assertThat(cli.run("--offline", "get", "kingman_n5_theta1").err()).contains("from local store");
        assertThat(cli.run("--offline", "verify").out()).isEqualToIgnoringNewLines("store is intact");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"id\": \"kingman_n5_theta1\"}", "null", "[]", "{\"id\": \"kingman_n5_theta1\", \"root\": \"QmRoot0000000000\", "
            + "\"files\": {\"trace.json.gz\": {\"cid\": \"../../../outside\", \"size\": 1, \"sha256\": \"00\"}}}"})
    void incompleteOrHostileReferencesAreDamageNotCrashes(String reference) throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        cli.run("--offline", "get", "kingman_n5_theta1");
        Files.writeString(cli.store().resolve("refs/kingman_n5_theta1.json"), reference);

        CliRun report = cli.run("--offline", "verify");
        assertThat(report.code()).as(report.err()).isEqualTo(ExitCode.FAILED);
        assertThat(report.out()).startsWith("bad     kingman_n5_theta1.json: ");
        CliRun dryRun = cli.run("--offline", "gc", "--dry-run");
        assertThat(dryRun.code()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("would remove trace kingman_n5_theta1");
        CliRun fix = cli.run("--offline", "verify", "--fix");
        assertThat(fix.code()).as(fix.err()).isZero();
        assertThat(cli.storeEntries("refs")).isEmpty();

        CliRun get = cli.run("--offline", "get", "kingman_n5_theta1");
        assertThat(get.code()).as(get.err()).isZero();
        assertThat(get.err()).contains("from bundled library, verified");
        assertThat(cli.run("--offline", "gc").code()).isZero();
        StoreAssertions.assertOneCleanCopy(cli, "kingman_n5_theta1");
        assertThat(temp.resolve("outside")).doesNotExist();
    }

    private static Path commit(DiskTraceStore store, String id, String fileCid, int size) throws Exception {
        StagedFile staged = store.stage();
        staged.output().write(new byte[size]);
        return store.commit(TraceId.of(id), "QmRoot" + fileCid.substring(6), Map.of("trace.json.gz", new VerifiedStagedFile(staged, fileCid)))
                .file("trace.json.gz").orElseThrow().path();
    }
}
