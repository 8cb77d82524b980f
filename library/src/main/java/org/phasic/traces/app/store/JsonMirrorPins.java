package org.phasic.traces.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.phasic.traces.ports.out.MirrorPins;

/**
 * The mirror's pins as one small JSON file, {@code pins.json} in its folder (the home's {@code mirror}):
 * <pre>{"pinned":{"IPFS daemon at /ip4/127.0.0.1/tcp/5001":["bafy…","Qm…"]}}</pre>
 * rewritten whole through a temporary file and an atomic rename, so a reader never sees half of it.
 */
public final class JsonMirrorPins implements MirrorPins {
    /** The file's name. */
    public static final String FILE = "pins.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Path file;

    /** @param folder where the file lives (created when first written) */
    public JsonMirrorPins(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.file = folder.resolve(FILE);
    }

    /** The file. */
    public Path file() {
        return file;
    }

    @Override
    public Map<String, Set<String>> load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            return Map.of();
        }
        JsonNode pinned;
        try {
            pinned = JSON.readTree(bytes).path("pinned");
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!pinned.isObject()) {
            throw new IOException(file + " holds no \"pinned\" object");
        }
        Map<String, Set<String>> read = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> targets = pinned.fields(); targets.hasNext(); ) {
            Map.Entry<String, JsonNode> target = targets.next();
            if (!target.getValue().isArray()) {
                throw new IOException(file + ": the pins of '" + target.getKey() + "' are not a list");
            }
            Set<String> cids = new TreeSet<>();
            for (JsonNode cid : target.getValue()) {
                if (!cid.isTextual()) {
                    throw new IOException(file + ": a pin of '" + target.getKey() + "' is not a CID string");
                }
                cids.add(cid.asText());
            }
            read.put(target.getKey(), cids);
        }
        return read;
    }

    @Override
    public void save(Map<String, Set<String>> pinned) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode targets = root.putObject("pinned");
        new TreeMap<>(pinned).forEach((target, cids) -> {
            ArrayNode list = targets.putArray(target);
            new TreeSet<>(cids).forEach(list::add);
        });
        Files.createDirectories(folder);
        AtomicFiles.write(folder, file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
