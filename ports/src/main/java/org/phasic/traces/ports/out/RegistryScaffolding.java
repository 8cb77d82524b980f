package org.phasic.traces.ports.out;

import java.io.IOException;
import java.nio.file.Path;
import org.phasic.traces.ports.in.InitRegistryUseCase;

/** Writes a new registry repository. */
public interface RegistryScaffolding {
    /**
     * Writes the registry's files into {@code directory}.
     *
     * @throws IllegalArgumentException when an option is malformed
     * @throws IOException              when the folder cannot be written
     */
    InitRegistryUseCase.Result init(Path directory, InitRegistryUseCase.Request request) throws IOException;
}
