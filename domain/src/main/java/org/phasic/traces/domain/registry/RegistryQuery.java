package org.phasic.traces.domain.registry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A registry filter: every given criterion must hold. {@code text} is a case-insensitive search over the id,
 * the descriptions and the tags.
 */
public record RegistryQuery(Optional<String> domain, Optional<String> modelType, List<String> tags, Optional<String> text) {
    public RegistryQuery {
        tags = List.copyOf(tags);
    }

    /** Matches everything. */
    public static RegistryQuery all() {
        return new RegistryQuery(Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    /** Whether {@code entry} satisfies every criterion. */
    public boolean matches(TraceEntry entry) {
        return matches(TraceSummary.of(entry));
    }

    /** Whether the entry {@code summary} stands for satisfies every criterion. */
    public boolean matches(TraceSummary summary) {
        TraceSummary.Metadata metadata = summary.metadata();
        if (domain.isPresent() && (metadata == null || !domain.get().equalsIgnoreCase(metadata.domain()))) {
            return false;
        }
        if (modelType.isPresent() && (metadata == null || !modelType.get().equalsIgnoreCase(metadata.modelType()))) {
            return false;
        }
        for (String tag : tags) {
            if (!summary.hasTag(tag)) {
                return false;
            }
        }
        return text.isEmpty() || containsText(summary, text.get().toLowerCase(Locale.ROOT));
    }

    private static boolean containsText(TraceSummary summary, String needle) {
        Stream<String> fields = Stream.of(summary.id().value(), summary.description(),
                summary.metadata() == null ? null : summary.metadata().description());
        Stream<String> tags = summary.metadata() == null ? Stream.empty() : summary.metadata().tags().stream();
        return Stream.concat(fields, tags).anyMatch(field -> field != null && field.toLowerCase(Locale.ROOT).contains(needle));
    }
}
