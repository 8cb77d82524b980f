package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.testing.CliRun;

/** {@code store ls}, {@code store du} and {@code store rm} through the CLI on a store filled from the bundled library. */
class StoreCommandTest {
    @TempDir
    Path temp;

    private Cli filled(String... ids) {
        Cli cli = new Cli(temp.resolve("home"));
        for (String id : ids) {
            assertThat(cli.run("--offline", "get", id).code()).isZero();
        }
        return cli;
    }

    @Test
    void lsListsEveryStoredTraceWithCidSizeLastUseAndPin() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Cli cli = filled("kingman_n5_theta1", "kingman_n3_theta1");
        assertThat(cli.run("--offline", "pin", "kingman_n3_theta1").code()).isZero();
        Path trace = cli.run("--offline", "get", "kingman_n5_theta1").firstLine();

        CliRun json = cli.run("--offline", "store", "ls", "--json");
        CliRun text = cli.run("--offline", "store", "ls");

        assertThat(json.code()).as(json.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("id").asText()).isEqualTo("kingman_n3_theta1");
        assertThat(rows.get(0).get("pinned").asBoolean()).isTrue();
        JsonNode n5 = rows.get(1);
        assertThat(n5.get("id").asText()).isEqualTo("kingman_n5_theta1");
        assertThat(n5.get("pinned").asBoolean()).isFalse();
        assertThat(n5.get("bytes").asLong()).isGreaterThan(Files.size(trace));
        assertThat(n5.get("cid").asText()).startsWith("Qm").hasSizeGreaterThan(40);
        assertThat(Instant.parse(n5.get("last_used").asText())).isAfterOrEqualTo(before);
        assertThat(text.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("CID", "BYTES", "LAST USED", "PINNED");
        assertThat(text.out()).contains("kingman_n5_theta1  " + n5.get("cid").asText());
        assertThat(text.err()).contains("2 trace(s)");
    }

    @Test
    void duShowsBytesPerTraceAndTheTotalOnDisk() throws Exception {
        Cli cli = filled("kingman_n5_theta1", "kingman_n3_theta1");
        long onDisk;
        try (var files = Files.list(cli.store().resolve("objects"))) {
            onDisk = files.mapToLong(file -> file.toFile().length()).sum();
        }

        CliRun run = cli.run("--offline", "store", "du");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("\\s+\\d+  kingman_n3_theta1\\n").containsPattern("\\s+\\d+  kingman_n5_theta1\\n");
        assertThat(run.out().strip().lines().reduce((a, b) -> b).orElseThrow().strip()).isEqualTo(onDisk + "  total");
    }

    @Test
    void rmRemovesTheReferenceItsPinAndUnsharedContentOnly() throws Exception {
        Cli cli = filled("kingman_n5_theta1", "kingman_n3_theta1");
        assertThat(cli.run("--offline", "pin", "kingman_n3_theta1").code()).isZero();
        Path kept = cli.run("--offline", "get", "kingman_n5_theta1").firstLine();
        Path removed = cli.run("--offline", "get", "kingman_n3_theta1").firstLine();

        CliRun run = cli.run("--offline", "store", "rm", "kingman_n3_theta1");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualToIgnoringNewLines("removed trace kingman_n3_theta1");
        assertThat(cli.storeEntries("refs")).containsExactly("kingman_n5_theta1.json");
        assertThat(removed).doesNotExist();
        assertThat(kept).exists();
        assertThat(cli.run("--offline", "pin").out()).doesNotContain("kingman_n3_theta1");
        assertThat(cli.run("--offline", "get", "kingman_n5_theta1").err()).contains("from local store");
    }

    @Test
    void rmOfAnIdTheStoreDoesNotHoldIsAUsageErrorAndRemovesNothing() throws Exception {
        Cli cli = filled("kingman_n5_theta1");

        CliRun run = cli.run("--offline", "store", "rm", "kingman_n5_theta1", "kingman_n3_theta1");

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("does not hold kingman_n3_theta1; nothing was removed", "store ls");
        assertThat(cli.storeEntries("refs")).containsExactly("kingman_n5_theta1.json");
    }
}
