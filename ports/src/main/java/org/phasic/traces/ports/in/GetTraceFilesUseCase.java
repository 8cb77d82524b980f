package org.phasic.traces.ports.in;

import java.nio.file.Path;
import org.phasic.traces.domain.registry.TraceId;

/** Gets the verified files of a trace (its {@code trace.json.gz}, {@code metadata.json}, ...) without parsing them. */
public interface GetTraceFilesUseCase {
    /**
     * A verified copy of trace {@code id} in the local store, fetched if needed.
     *
     * @param force fetch again even if the local store has it
     * @throws UnknownTraceException     when no registry lists the id
     * @throws TraceUnavailableException when no source delivers verified content
     */
    LocalTrace files(TraceId id, boolean force);

    /**
     * Writes every entry of trace {@code id}'s directory ({@code trace.json.gz}, {@code metadata.json},
     * {@code checksum.sha256}, code files ...) into {@code folder} (created if missing). The directory is fetched
     * from the sources (the local store keeps only the trace and its metadata), every block verified against the
     * directory CID and every entry name checked before anything is written; each file appears through an atomic
     * rename, and nothing is written outside {@code folder}.
     *
     * @param overwrite replace files that exist already; without it an existing file is an error and nothing is written
     * @throws UnknownTraceException     when no registry lists the id
     * @throws TraceUnavailableException when no source delivers the whole verified directory
     * @throws InvalidInputException     when a file exists already and {@code overwrite} is false, or the folder
     *                                   cannot take the directory
     */
    TraceFolder folder(TraceId id, Path folder, boolean overwrite);
}
