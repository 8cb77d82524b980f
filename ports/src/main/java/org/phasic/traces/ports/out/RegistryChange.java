package org.phasic.traces.ports.out;

import java.util.List;
import java.util.Objects;
import org.phasic.traces.domain.registry.TraceEntry;

/**
 * A proposed change to {@code registry.json} in a registry repository: add (or replace) one trace entry.
 *
 * @param repository   the registry repository, {@code owner/name}
 * @param baseBranch   the branch the pull request targets
 * @param entry        the entry to add or replace
 * @param mode         whether an existing entry with the same id may be replaced
 * @param title        pull request title and commit message
 * @param notes        free text placed at the top of the pull request body (may be empty)
 * @param verification how the content was verified, one line each (e.g. "directory CID computed locally, CIDv0")
 */
public record RegistryChange(String repository, String baseBranch, TraceEntry entry, Mode mode, String title, String notes,
                             List<String> verification) {
    /** Add only, or add-or-replace. */
    public enum Mode {
        /** The id must not exist in the registry yet. */
        ADD,
        /** The entry replaces an existing one with the same id (or is added). */
        REPLACE
    }

    public RegistryChange {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(baseBranch, "baseBranch");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(title, "title");
        notes = notes == null ? "" : notes;
        verification = List.copyOf(verification);
    }

    /** A change with the default title: "Add trace ID" or "Update trace ID". */
    public static RegistryChange of(String repository, String baseBranch, TraceEntry entry, Mode mode, List<String> verification) {
        String title = (mode == Mode.ADD ? "Add trace " : "Update trace ") + entry.id().value();
        return new RegistryChange(repository, baseBranch, entry, mode, title, "", verification);
    }
}
