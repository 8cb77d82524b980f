package org.phasic.traces.ports.out;

/** Registry sources other than the configured one, built with the configured HTTP settings. */
public interface RegistrySourceFactory {
    /** The configured registry's source. */
    RegistrySource configured();

    /**
     * The registry at {@code location}: a path, {@code file:} URL or https URL.
     *
     * @throws IllegalArgumentException when {@code location} is malformed
     */
    RegistrySource at(String location);
}
