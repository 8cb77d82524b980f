package org.phasic.traces.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.ports.in.TraceAvailability;
import org.phasic.traces.ports.out.AvailabilityHistory;

/**
 * The health history as JSON lines, one run a line, in {@code history.jsonl} of its folder (the home's {@code health}):
 * <pre>{"checked_at":"2026-12-05T19:00:00Z","traces":[{"id":"kingman_n5","serving":2,"probed":3,"unreachable_since":null}]}</pre>
 * Each run rewrites the file through a temporary file and an atomic rename under a lock, keeping the newest
 * {@code maxRuns} lines, so readers never see half a run and two runs never lose each other's line. Lines that do not
 * parse are skipped.
 */
public final class JsonLinesAvailabilityHistory implements AvailabilityHistory {
    /** The history file's name. */
    public static final String FILE = "history.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** File locks are held by the process, so threads of this one take turns first. */
    private static final Object IN_PROCESS = new Object();

    private final Path folder;
    private final Path file;
    private final int maxRuns;

    /**
     * @param folder  where the history lives (created on the first run)
     * @param maxRuns how many runs to keep
     */
    public JsonLinesAvailabilityHistory(Path folder, int maxRuns) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.file = folder.resolve(FILE);
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be at least 1, not " + maxRuns);
        }
        this.maxRuns = maxRuns;
    }

    @Override
    public Map<String, TraceAvailability> lastKnown() throws IOException {
        Map<String, TraceAvailability> last = new LinkedHashMap<>();
        for (String line : lines()) {
            parse(line).forEach(availability -> last.put(availability.traceId(), availability));
        }
        return last;
    }

    @Override
    public void append(List<TraceAvailability> run) throws IOException {
        if (run.isEmpty()) {
            return;
        }
        Files.createDirectories(folder);
        synchronized (IN_PROCESS) {
            appendLocked(run);
        }
    }

    /** Under the file lock, which keeps other processes out (threads of this one wait for {@link #IN_PROCESS}). */
    private void appendLocked(List<TraceAvailability> run) throws IOException {
        try (FileChannel lockFile = FileChannel.open(folder.resolve("history.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            List<String> lines = new ArrayList<>(lines());
            lines.add(line(run));
            List<String> kept = lines.subList(Math.max(0, lines.size() - maxRuns), lines.size());
            byte[] bytes = (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(folder, file, bytes);
        }
    }

    private List<String> lines() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }

    private static String line(List<TraceAvailability> run) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("checked_at", run.get(0).checkedAt().toString());
        ArrayNode traces = node.putArray("traces");
        for (TraceAvailability availability : run) {
            ObjectNode trace = traces.addObject();
            trace.put("id", availability.traceId());
            trace.put("serving", availability.gatewaysServing());
            trace.put("probed", availability.gatewaysProbed());
            if (!availability.checkedAt().equals(run.get(0).checkedAt())) {
                trace.put("checked_at", availability.checkedAt().toString());
            }
            trace.put("unreachable_since", availability.unreachableSince().map(Instant::toString).orElse(null));
        }
        return JSON.writeValueAsString(node);
    }

    private static List<TraceAvailability> parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            Instant runAt = Instant.parse(node.path("checked_at").asText());
            List<TraceAvailability> parsed = new ArrayList<>();
            for (JsonNode trace : node.path("traces")) {
                JsonNode since = trace.path("unreachable_since");
                Instant checkedAt = trace.hasNonNull("checked_at") ? Instant.parse(trace.get("checked_at").asText()) : runAt;
                parsed.add(new TraceAvailability(trace.path("id").asText(), trace.path("serving").asInt(),
                        trace.path("probed").asInt(), checkedAt,
                        since.isTextual() ? Optional.of(Instant.parse(since.asText())) : Optional.empty()));
            }
            return parsed;
        } catch (IOException | DateTimeParseException | NullPointerException e) {
            return List.of();
        }
    }
}
