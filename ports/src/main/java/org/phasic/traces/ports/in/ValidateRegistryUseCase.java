package org.phasic.traces.ports.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.RegistryDefect;

/** Checks a registry document strictly, and optionally that every trace it lists can be fetched and verified. */
public interface ValidateRegistryUseCase {
    /**
     * Reads and checks a registry: format version, timestamps, ids, required fields, every CID, checksums,
     * collections.
     *
     * @param location        a path, {@code file:} URL or https URL; empty for the configured registry
     * @param fetchEveryTrace also fetch every listed trace through the configured sources and verify it
     * @param progress        told about each trace fetched (with {@code fetchEveryTrace})
     * @throws InvalidInputException    when {@code location} is malformed
     * @throws OperationFailedException when the document cannot be read
     */
    RegistryValidation validate(Optional<String> location, boolean fetchEveryTrace, Progress progress);

    /** Receives each fetched trace's outcome. */
    @FunctionalInterface
    interface Progress {
        /** Ignores everything. */
        Progress NONE = (index, total, item) -> { };

        /** Trace {@code index} (1-based) of {@code total} was fetched and verified, or failed. */
        void checked(int index, int total, BatchItem item);
    }

    /**
     * @param location where the document came from
     * @param registry the parsed registry, unless it did not parse
     * @param defects  every defect found, with its JSON path
     */
    record RegistryValidation(String location, Optional<Registry> registry, List<RegistryDefect> defects) {
        public RegistryValidation {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(registry, "registry");
            defects = List.copyOf(defects);
        }

        /** Whether no defect was found. */
        public boolean valid() {
            return defects.isEmpty();
        }
    }
}
