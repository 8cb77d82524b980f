package org.phasic.traces.ports.in;

/** Refreshes the local copy of the configured registry now. */
public interface UpdateRegistryUseCase {
    /** Downloads the registry (conditionally); a failed or malformed download never replaces the last good copy. */
    RegistryUpdate update();
}
