package org.phasic.traces.app.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.phasic.traces.spi.ConfigKey;

/**
 * The home folder's {@code config.yaml}, read as the configuration's file layer and edited one key at a time. An edit
 * validates the key and value exactly as they are validated when the configuration is read, keeps the other keys and,
 * where the file is plain block YAML, its comments and layout, and replaces the file atomically (a temporary file in the
 * home folder, flushed, then renamed), so a failed edit leaves it as it was.
 */
public final class ConfigFile {
    private static final String ORIGIN = "the command line";

    private final Path file;
    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

    /**
     * @param file    the {@code config.yaml} (it and its folder need not exist yet)
     * @param catalog every known key
     */
    public ConfigFile(Path file, List<ConfigKey> catalog) {
        this.file = Objects.requireNonNull(file, "file");
        catalog.forEach(key -> keys.put(key.name(), key));
    }

    /**
     * What an edit did.
     *
     * @param key         the key's declaration
     * @param value       the value written (normalized as when read), or empty for a removal
     * @param changed     whether the file changed
     * @param reformatted whether the file had to be rewritten as a whole (its comments are lost)
     */
    public record Edit(ConfigKey key, Optional<String> value, boolean changed, boolean reformatted) {
    }

    /** The file's path. */
    public Path path() {
        return file;
    }

    /**
     * Sets {@code name} to {@code value} in the file.
     *
     * @param check loads the whole configuration, throwing a {@link ConfigException} for a problem (such as profiles
     *              that cannot be combined); when it passes before the edit and fails after it, the file is put back as
     *              it was and the failure thrown
     *
     * @throws ConfigException for an unknown key (with the closest known ones), {@code home}, or a value the key does not
     *                         accept (naming what it does); the file is then left untouched
     * @throws IOException     when the file cannot be written
     */
    public Edit set(String name, String value, Runnable check) throws IOException {
        ConfigKey key = ConfigLoader.requireKnown(keys, name, ORIGIN);
        if (key.name().equals(Configuration.HOME)) {
            throw new ConfigException("'home' cannot be set in " + file + " (the file lives in the home folder)",
                    "use --home or PHASIC_TRACES_HOME");
        }
        if (value.isBlank()) {
            throw new ConfigException("an empty value for " + key.name() + " (from " + ORIGIN + ")",
                    "'phasic-traces config unset " + key.name() + "' goes back to the default");
        }
        String normalized = ValueParser.normalize(key, value, ORIGIN);
        Map<String, String> current = read(file);
        if (normalized.equals(current.get(key.name()))) {
            return new Edit(key, Optional.of(normalized), false, false);
        }
        Map<String, String> expected = new LinkedHashMap<>(current);
        expected.put(key.name(), normalized);
        String text = text();
        Optional<String> edited = BlockYaml.parse(text)
                .flatMap(yaml -> verified(yaml.set(key.name(), normalized), expected)
                        .or(() -> verified(yaml.set(key.name(), quoted(normalized)), expected)));
        return write(key, Optional.of(normalized), edited, expected, check);
    }

    /**
     * Removes {@code name} from the file, so a lower layer (the default) applies again. A key the file holds is removed
     * even when no one knows it (that is how a misspelt key is fixed).
     *
     * @param check as for {@link #set}
     *
     * @throws ConfigException for a key that is neither in the file nor known (with the closest known ones)
     * @throws IOException     when the file cannot be written
     */
    public Edit unset(String name, Runnable check) throws IOException {
        Map<String, String> current = read(file);
        ConfigKey known = keys.get(name);
        if (!current.containsKey(name)) {
            ConfigKey key = ConfigLoader.requireKnown(keys, name, ORIGIN);
            return new Edit(key, Optional.empty(), false, false);
        }
        ConfigKey key = known != null ? known : ConfigKey.of(name, ConfigKey.Type.STRING, null, "unknown key");
        Map<String, String> expected = new LinkedHashMap<>(current);
        expected.remove(name);
        Optional<String> edited = BlockYaml.parse(text()).flatMap(yaml -> verified(yaml.unset(name), expected));
        return write(key, Optional.empty(), edited, expected, check);
    }

    private Edit write(ConfigKey key, Optional<String> value, Optional<String> edited, Map<String, String> expected,
                       Runnable check) throws IOException {
        String text = edited.orElseGet(() -> verified(rewrite(expected), expected).orElseThrow(() ->
                new IllegalStateException("cannot write " + key.name() + " to " + file + " so that it reads back the same")));
        boolean secrets = expected.keySet().stream().map(keys::get).anyMatch(k -> k != null && k.secret());
        boolean validBefore = passes(check);
        Optional<byte[]> before = Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        replace(text.getBytes(StandardCharsets.UTF_8), secrets);
        if (validBefore) {
            try {
                check.run();
            } catch (ConfigException e) {
                if (before.isPresent()) {
                    replace(before.get(), secrets);
                } else {
                    Files.deleteIfExists(file);
                }
                throw e;
            }
        }
        return new Edit(key, value, true, edited.isEmpty());
    }

    private static boolean passes(Runnable check) {
        try {
            check.run();
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }

    private String text() throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static Optional<String> verified(Optional<String> text, Map<String, String> expected) {
        return text.filter(candidate -> {
            try {
                return parse(candidate, Path.of(ConfigLoader.CONFIG_FILE)).equals(expected);
            } catch (ConfigException e) {
                return false;
            }
        });
    }

    /** The whole file written anew from {@code values}, nested by their dots; comments and layout are lost. */
    private static Optional<String> rewrite(Map<String, String> values) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        values.forEach((name, value) -> {
            ObjectNode parent = root;
            String[] parts = name.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = parent.get(parts[i]);
                parent = child instanceof ObjectNode object ? object : parent.putObject(parts[i]);
            }
            parent.put(parts[parts.length - 1], value);
        });
        try {
            return Optional.of(YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build().writeValueAsString(root));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private void replace(byte[] bytes, boolean ownerOnly) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path staged = folder.resolve("." + file.getFileName() + "-" + UUID.randomUUID());
        try {
            Files.write(staged, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            if (ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-------"));
            }
            Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + folder + " cannot rename atomically", e);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private static String quoted(String value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's keys (dotted, nested mappings flattened) and their values as text; empty when there is no file. */
    static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), "check its permissions");
        }
    }

    private static Map<String, String> parse(String text, Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            JsonNode root = new YAMLMapper().readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                return values;
            }
            if (!root.isObject()) {
                throw new ConfigException(file + " must be a YAML mapping of keys to values", "for example 'registry: {repo: owner/name}'");
            }
            flatten("", root, values);
            return values;
        } catch (JacksonException e) {
            String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ConfigException("cannot parse " + file + line + ": " + oneLine(e.getOriginalMessage()),
                    "it must be a YAML mapping of keys to values, e.g. 'registry: {repo: owner/name}'");
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(name, value, into);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                into.put(name, String.join(",", items));
            } else if (!value.isNull()) {
                into.put(name, value.asText());
            }
        }
    }

    /** The mapper for quoting values, made on first use: reading the configuration needs none. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
