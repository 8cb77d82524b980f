package org.phasic.traces.application;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InitRegistryUseCase;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.out.RegistryScaffolding;

/** Scaffolds registry repositories through the bound {@link RegistryScaffolding}. */
public final class RegistryInitService implements InitRegistryUseCase {
    private final RegistryScaffolding scaffolding;

    public RegistryInitService(RegistryScaffolding scaffolding) {
        this.scaffolding = Objects.requireNonNull(scaffolding, "scaffolding");
    }

    @Override
    public Result init(Path directory, Request request) {
        try {
            return scaffolding.init(directory, request);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        } catch (IOException e) {
            throw new OperationFailedException(e.getMessage(), Hint.NONE, e);
        }
    }
}
