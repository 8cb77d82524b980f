package org.phasic.traces.ports.in;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Scaffolds a new registry repository. */
public interface InitRegistryUseCase {
    /**
     * Creates {@code registry.json}, README, CONTRIBUTING, a CI workflow that validates every pull request, and a
     * first git commit when git is installed.
     *
     * @throws InvalidInputException    when an option is malformed (e.g. the repository name)
     * @throws OperationFailedException when the folder cannot be written (e.g. it is not empty and not forced)
     */
    Result init(Path directory, Request request);

    /**
     * @param repository the repository's GitHub name {@code owner/name}, for README and CONTRIBUTING
     * @param toolSource git URL of phasic-traces for the CI workflow
     * @param toolRef    branch or tag of {@code toolSource}
     * @param force      write into a non-empty folder, overwriting files with the same names
     */
    record Request(Optional<String> repository, Optional<String> toolSource, String toolRef, boolean force) {
        public Request {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(toolSource, "toolSource");
            Objects.requireNonNull(toolRef, "toolRef");
        }
    }

    /**
     * @param directory the registry folder
     * @param files     the files written, relative to it
     * @param gitNote   one line on what git did
     */
    record Result(Path directory, List<Path> files, String gitNote) {
        public Result {
            files = List.copyOf(files);
        }
    }
}
