package org.phasic.traces.domain.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.InvalidCidException;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * Strict schema and semantic checks of a registry, as {@code registry validate} runs them. Reading is
 * tolerant; this reports every defect with its JSON path, in document order:
 * <ul>
 *   <li>{@code version} present, semver-like, major version 1; {@code updated} an ISO-8601 UTC timestamp;</li>
 *   <li>each trace: {@code cid}, {@code description}, {@code metadata.model_type}/{@code domain}/{@code param_length}/
 *       {@code vertices}, {@code checksum} and {@code license} present; every CID parses (directory and
 *       {@code files.*.cid}); checksum is {@code sha256:<64 hex>}; {@code size_bytes >= 0}; {@code graph_hash} is 64 hex;
 *       file names are plain names; {@code superseded_by} names another existing trace and following it never comes
 *       back (no cycles); {@code defect} is one line of at most {@value #MAX_DEFECT} printable characters;</li>
 *   <li>each collection: a valid name, a CID that parses, members that are valid ids of existing traces, no repeats;</li>
 *   <li>each pinning service: https {@code api_url} and {@code gateway}.</li>
 * </ul>
 * Duplicate JSON keys (and so duplicate ids) cannot reach a {@link Registry}: the codec refuses them with their path.
 */
public final class RegistryValidator {
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?");
    private static final Pattern UTC_TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final int SUPPORTED_MAJOR = 1;
    /** Longest {@code defect} text, in code points: a warning shows it whole. */
    public static final int MAX_DEFECT = UntrustedText.MAX_SHOWN;

    /** Every defect of {@code registry}; empty when it is clean. */
    public List<RegistryDefect> validate(Registry registry) {
        Defects defects = new Defects();
        JsonPath root = JsonPath.root();
        checkVersion(registry.version(), root.member("version"), defects);
        checkUpdated(registry.updated(), root.member("updated"), defects);
        JsonPath traces = root.member("traces");
        registry.traces().forEach((id, entry) -> {
            checkEntry(id, entry, traces.member(id.value()), defects);
            checkSupersession(id, entry, registry, traces.member(id.value()), defects);
        });
        JsonPath collections = root.member("collections");
        registry.collections().forEach((name, collection) ->
                checkCollection(name, collection, registry, collections.member(name), defects));
        JsonPath services = root.member("pinning_services");
        registry.pinningServices().forEach((name, service) -> checkPinning(service, services.member(name), defects));
        return defects.list();
    }

    private static void checkVersion(String version, JsonPath path, Defects defects) {
        if (defects.missing(version, path, "the format version, e.g. \"1.0.0\"")) {
            return;
        }
        if (!SEMVER.matcher(version).matches()) {
            defects.add(path, "\"" + version + "\" is not a version like \"1.0.0\"");
        } else if (Integer.parseInt(version.substring(0, version.indexOf('.'))) != SUPPORTED_MAJOR) {
            defects.add(path, "format version " + version + " is not supported; this tool reads " + SUPPORTED_MAJOR + ".x");
        }
    }

    private static void checkUpdated(String updated, JsonPath path, Defects defects) {
        if (defects.missing(updated, path, "when the registry was last changed, e.g. \"2025-10-21T22:03:20Z\"")) {
            return;
        }
        if (!UTC_TIMESTAMP.matcher(updated).matches() || !parses(() -> Instant.parse(updated))) {
            defects.add(path, "\"" + updated + "\" is not an ISO-8601 UTC timestamp like \"2025-10-21T22:03:20Z\"");
        }
    }

    private static void checkEntry(TraceId id, TraceEntry entry, JsonPath path, Defects defects) {
        if (!id.equals(entry.id())) {
            defects.add(path, "the entry's id " + entry.id() + " differs from its key");
        }
        checkCid(entry.cid(), path.member("cid"), "the trace directory CID", defects);
        defects.missing(entry.description(), path.member("description"), "a one-line description");
        checkMetadata(entry.metadata(), path.member("metadata"), defects);
        entry.files().forEach((name, file) -> checkFile(name, file, path.member("files").member(name), defects));
        checkChecksum(entry.checksum(), path.member("checksum"), defects);
        defects.missing(entry.license(), path.member("license"), "a licence, e.g. \"MIT\"");
        if (entry.graphHash() != null && !HEX64.matcher(entry.graphHash()).matches()) {
            defects.add(path.member("graph_hash"), "expected 64 lower-case hex digits");
        }
    }

    private static void checkSupersession(TraceId id, TraceEntry entry, Registry registry, JsonPath path, Defects defects) {
        String next = entry.supersededBy();
        if (next != null) {
            JsonPath at = path.member("superseded_by");
            if (!TraceId.isValid(next)) {
                defects.add(at, "\"" + UntrustedText.printable(next) + "\" is not a valid trace id");
            } else if (registry.find(TraceId.of(next)).isEmpty()) {
                defects.add(at, "no trace " + next + " in this registry");
            } else if (supersessionCycle(id, registry)) {
                defects.add(at, "following superseded_by from " + id + " comes back to it (a cycle)");
            }
        }
        String defect = entry.defect();
        if (defect != null) {
            JsonPath at = path.member("defect");
            if (defect.isBlank()) {
                defects.add(at, "empty: say what is wrong, or leave the member out");
            } else if (defect.codePointCount(0, defect.length()) > MAX_DEFECT) {
                defects.add(at, "longer than " + MAX_DEFECT + " characters; one line is shown with every warning");
            } else if (!UntrustedText.printable(defect).equals(defect)) {
                defects.add(at, "not one line of printable text: \"" + UntrustedText.printable(defect) + "\"");
            }
        }
    }

    /** Whether following {@code superseded_by} from {@code start} reaches {@code start} again. */
    private static boolean supersessionCycle(TraceId start, Registry registry) {
        Set<TraceId> seen = new HashSet<>();
        TraceId current = start;
        while (seen.add(current)) {
            String next = registry.find(current).map(TraceEntry::supersededBy).orElse(null);
            if (next == null || !TraceId.isValid(next)) {
                return false;
            }
            current = TraceId.of(next);
            if (current.equals(start)) {
                return true;
            }
        }
        return false;
    }

    private static void checkMetadata(TraceMetadata metadata, JsonPath path, Defects defects) {
        if (metadata == null) {
            defects.add(path, "missing: model_type, domain, param_length and vertices are required");
            return;
        }
        defects.missing(metadata.modelType(), path.member("model_type"), "the model type, e.g. \"coalescent\"");
        defects.missing(metadata.domain(), path.member("domain"), "the scientific domain, e.g. \"population-genetics\"");
        if (metadata.paramLength() == null) {
            defects.add(path.member("param_length"), "missing: the number of model parameters");
        } else if (metadata.paramLength() < 0) {
            defects.add(path.member("param_length"), "must be >= 0, not " + metadata.paramLength());
        } else if (!metadata.parameters().isEmpty() && metadata.parameters().size() != metadata.paramLength()) {
            defects.add(path.member("parameters"), "lists " + metadata.parameters().size() + " parameters but param_length is "
                    + metadata.paramLength());
        }
        if (metadata.vertices() == null) {
            defects.add(path.member("vertices"), "missing: the number of graph vertices");
        } else if (metadata.vertices() < 1) {
            defects.add(path.member("vertices"), "must be >= 1, not " + metadata.vertices());
        }
        if (metadata.created() != null && !isDate(metadata.created())) {
            defects.add(path.member("created"), "\"" + metadata.created() + "\" is not an ISO-8601 date like \"2025-10-21\"");
        }
    }

    private static void checkFile(String name, FileRef file, JsonPath path, Defects defects) {
        if (!isPlainFileName(name)) {
            defects.add(path, "not a plain file name (no '/', '\\\\', '..', control characters)");
        }
        checkCid(file.cid(), path.member("cid"), "the file CID", defects);
        if (file.sizeBytes() == null) {
            defects.add(path.member("size_bytes"), "missing: the file size in bytes");
        } else if (file.sizeBytes() < 0) {
            defects.add(path.member("size_bytes"), "must be >= 0, not " + file.sizeBytes());
        }
    }

    private static void checkChecksum(String checksum, JsonPath path, Defects defects) {
        if (defects.missing(checksum, path, "\"sha256:<hex>\" of trace.json.gz")) {
            return;
        }
        try {
            Checksum.parse(checksum);
        } catch (IllegalArgumentException e) {
            defects.add(path, e.getMessage());
        }
    }

    private static void checkCollection(String name, TraceCollection collection, Registry registry, JsonPath path, Defects defects) {
        if (!TraceId.isValid(name)) {
            defects.add(path, "collection names follow the trace id rules: lower-case letters, digits, '_', '.', '-'");
        }
        if (collection.cid() != null) {
            checkCid(collection.cid(), path.member("cid"), "the collection CID", defects);
        }
        Set<String> seen = new HashSet<>();
        List<String> members = collection.traces();
        for (int i = 0; i < members.size(); i++) {
            String member = members.get(i);
            JsonPath at = path.member("traces").index(i);
            if (member == null || !TraceId.isValid(member)) {
                defects.add(at, "not a valid trace id");
            } else if (registry.find(TraceId.of(member)).isEmpty()) {
                defects.add(at, "no trace " + member + " in this registry");
            } else if (!seen.add(member)) {
                defects.add(at, "trace " + member + " is listed twice");
            }
        }
    }

    private static void checkPinning(PinningService service, JsonPath path, Defects defects) {
        checkHttpsUrl(service.apiUrl(), path.member("api_url"), defects);
        checkHttpsUrl(service.gateway(), path.member("gateway"), defects);
    }

    private static void checkHttpsUrl(String url, JsonPath path, Defects defects) {
        if (!defects.missing(url, path, "an https:// URL") && (!url.startsWith("https://") || url.length() <= "https://".length())) {
            defects.add(path, "expected an https:// URL, not \"" + url + "\"");
        }
    }

    private static void checkCid(String cid, JsonPath path, String what, Defects defects) {
        if (defects.missing(cid, path, what)) {
            return;
        }
        try {
            Cid.parse(cid);
        } catch (InvalidCidException e) {
            defects.add(path, e.getMessage());
        }
    }

    private static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.length() <= 255
                && name.chars().noneMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f);
    }

    private static boolean isDate(String text) {
        return parses(() -> LocalDate.parse(text)) || parses(() -> OffsetDateTime.parse(text));
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Collected defects in the order found. */
    private static final class Defects {
        private final List<RegistryDefect> list = new ArrayList<>();

        void add(JsonPath path, String message) {
            list.add(new RegistryDefect(path.toString(), message));
        }

        /** Records "missing" when {@code value} is null or blank; returns whether it did. */
        boolean missing(String value, JsonPath path, String what) {
            if (value == null || value.isBlank()) {
                add(path, "missing: " + what);
                return true;
            }
            return false;
        }

        List<RegistryDefect> list() {
            return List.copyOf(list);
        }
    }
}
