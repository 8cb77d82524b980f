package org.phasic.traces.ports.in;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One trace file in phasic's own cache, checked against the registry.
 *
 * @param id     the name of its folder (the id phasic used)
 * @param file   the file
 * @param status what the check found
 * @param detail why, for a file that is not {@link Status#OK}
 */
public record PhasicCacheFile(String id, Path file, Status status, String detail) {
    /** What a check found. */
    public enum Status {
        /** Its SHA-256 is the registry checksum. */
        OK,
        /** Its SHA-256 is not the registry checksum. */
        BAD,
        /** No registry known here lists the id with a checksum. */
        UNKNOWN,
        /** It was bad and has been replaced by a verified copy. */
        FIXED
    }

    public PhasicCacheFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }
}
