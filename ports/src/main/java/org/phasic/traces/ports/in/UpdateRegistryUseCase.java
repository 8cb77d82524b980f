package org.phasic.traces.ports.in;

import org.phasic.traces.domain.registry.Registry;

/** Refreshes the local copy of the configured registry now. */
public interface UpdateRegistryUseCase {
    /** Downloads the registry (conditionally); a failed or malformed download never replaces the last good copy. */
    RegistryUpdate update();

    /** The registry now in effect on this machine (the last good copy over the bundled one), read whole; no network. */
    Registry local();
}
