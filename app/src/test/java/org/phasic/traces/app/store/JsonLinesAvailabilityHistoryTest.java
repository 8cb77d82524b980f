package org.phasic.traces.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.application.RecordedAvailability;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.in.TraceAvailability;

class JsonLinesAvailabilityHistoryTest {
    private static final Instant FIRST = Instant.parse("2026-12-01T06:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-12-02T06:00:00Z");

    @TempDir
    Path folder;

    private static TraceAvailability seen(String id, int serving, Instant at, Instant since) {
        return new TraceAvailability(id, serving, 3, at, Optional.ofNullable(since));
    }

    @Test
    void nothingRecordedIsEmptyAndCreatesNoFile() throws Exception {
        JsonLinesAvailabilityHistory history = new JsonLinesAvailabilityHistory(folder.resolve("health"), 10);

        assertThat(history.lastKnown()).isEmpty();
        assertThat(folder.resolve("health")).doesNotExist();
    }

    @Test
    void theLatestRunOfEachTraceWinsAndTracesLeftOutKeepTheirLastRun() throws Exception {
        JsonLinesAvailabilityHistory history = new JsonLinesAvailabilityHistory(folder.resolve("health"), 10);
        history.append(List.of(seen("a_1", 0, FIRST, FIRST), seen("b_2", 3, FIRST, null)));
        history.append(List.of(seen("a_1", 0, SECOND, FIRST)));

        var last = new JsonLinesAvailabilityHistory(folder.resolve("health"), 10).lastKnown();

        assertThat(last).containsOnlyKeys("a_1", "b_2");
        assertThat(last.get("a_1")).isEqualTo(seen("a_1", 0, SECOND, FIRST));
        assertThat(last.get("b_2")).isEqualTo(seen("b_2", 3, FIRST, null));
        assertThat(Files.readAllLines(folder.resolve("health/history.jsonl"))).hasSize(2).first().asString()
                .startsWith("{\"checked_at\":\"2026-12-01T06:00:00Z\",\"traces\":[{\"id\":\"a_1\",\"serving\":0,\"probed\":3,")
                .contains("\"unreachable_since\":\"2026-12-01T06:00:00Z\"");
    }

    @Test
    void onlyTheNewestRunsAreKept() throws Exception {
        JsonLinesAvailabilityHistory history = new JsonLinesAvailabilityHistory(folder, 3);
        for (int day = 0; day < 5; day++) {
            history.append(List.of(seen("a_1", day, FIRST.plusSeconds(86_400L * day), null)));
        }

        List<String> lines = Files.readAllLines(folder.resolve(JsonLinesAvailabilityHistory.FILE));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("2026-12-03T06:00:00Z");
        assertThat(history.lastKnown().get("a_1").gatewaysServing()).isEqualTo(4);
        try (var files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString())).as("no temporary file left behind")
                    .containsExactlyInAnyOrder(JsonLinesAvailabilityHistory.FILE, "history.lock");
        }
    }

    @Test
    void aLineThatDoesNotParseIsSkipped() throws Exception {
        JsonLinesAvailabilityHistory history = new JsonLinesAvailabilityHistory(folder, 10);
        history.append(List.of(seen("a_1", 1, FIRST, null)));
        Files.writeString(folder.resolve(JsonLinesAvailabilityHistory.FILE), "{not json\n{\"checked_at\":\"yesterday\"}\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(history.lastKnown()).containsOnlyKeys("a_1");
        history.append(List.of(seen("b_2", 1, SECOND, null)));
        assertThat(history.lastKnown()).containsOnlyKeys("a_1", "b_2");
    }

    @Test
    void concurrentRunsLoseNoLine() throws Exception {
        JsonLinesAvailabilityHistory history = new JsonLinesAvailabilityHistory(folder, 100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "t_" + i;
                Callable<Object> run = () -> {
                    history.append(List.of(seen(id, 1, FIRST, null)));
                    return null;
                };
                runs.add(pool.submit(run));
            }
            for (Future<Object> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(history.lastKnown()).hasSize(8);
    }

    @Test
    void recordedAvailabilityReadsTheHistoryAndReportsAnUnreadableOne() throws Exception {
        JsonLinesAvailabilityHistory history = new JsonLinesAvailabilityHistory(folder, 10);
        history.append(List.of(seen("a_1", 0, SECOND, FIRST)));

        assertThat(new RecordedAvailability(history).lastKnown().get("a_1").unreachableSince()).contains(FIRST);
        assertThat(new RecordedAvailability(history).lastKnown().get("a_1").reachable()).isFalse();

        Files.delete(folder.resolve(JsonLinesAvailabilityHistory.FILE));
        Files.createDirectory(folder.resolve(JsonLinesAvailabilityHistory.FILE));
        assertThatThrownBy(() -> new RecordedAvailability(history).lastKnown()).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("could not read the health history");
    }
}
