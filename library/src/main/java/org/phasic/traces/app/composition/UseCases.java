package org.phasic.traces.app.composition;

import java.util.Objects;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.ports.in.CheckHealthUseCase;
import org.phasic.traces.ports.in.DaemonUseCase;
import org.phasic.traces.ports.in.EvaluateTraceUseCase;
import org.phasic.traces.ports.in.GetTraceFilesUseCase;
import org.phasic.traces.ports.in.GetTraceUseCase;
import org.phasic.traces.ports.in.InitRegistryUseCase;
import org.phasic.traces.ports.in.InstallTracesUseCase;
import org.phasic.traces.ports.in.ListTracesUseCase;
import org.phasic.traces.ports.in.MirrorRegistryUseCase;
import org.phasic.traces.ports.in.MirrorUseCase;
import org.phasic.traces.ports.in.PhasicCacheUseCase;
import org.phasic.traces.ports.in.PublishTraceUseCase;
import org.phasic.traces.ports.in.ServeContentUseCase;
import org.phasic.traces.ports.in.ShowTraceUseCase;
import org.phasic.traces.ports.in.StoreMaintenanceUseCase;
import org.phasic.traces.ports.in.TraceAvailabilityUseCase;
import org.phasic.traces.ports.in.UpdateRegistryUseCase;
import org.phasic.traces.ports.in.ValidateRegistryUseCase;

/**
 * The use cases of one {@link Composition}, the only way drivers (the CLI, the Java facade) reach the application.
 * Each is built on first use, so a command never builds (or fails on) what it does not need; a configuration
 * problem found while building one is thrown as the {@link ConfigException} it is. Getting a trace, its files and
 * listing, showing and evaluating start without the injector: it is created only when a fetch needs the profiles' sources.
 */
public final class UseCases {
    private final Composition composition;

    UseCases(Composition composition) {
        this.composition = Objects.requireNonNull(composition, "composition");
    }

    /** Get a verified, parsed trace. */
    public GetTraceUseCase getTrace() {
        return composition.local().traces();
    }

    /** Get a trace's verified files. */
    public GetTraceFilesUseCase getTraceFiles() {
        return composition.local().traces();
    }

    /** Check phasic's own trace cache. */
    public PhasicCacheUseCase phasicCache() {
        return get(PhasicCacheUseCase.class);
    }

    /** Search the registry. */
    public ListTracesUseCase listTraces() {
        return composition.local().registry();
    }

    /** One trace's entry and local state. */
    public ShowTraceUseCase showTrace() {
        return composition.local().show();
    }

    /** Fetch many traces. */
    public InstallTracesUseCase installTraces() {
        return get(InstallTracesUseCase.class);
    }

    /** Evaluate a trace. */
    public EvaluateTraceUseCase evaluateTrace() {
        return composition.local().evaluation();
    }

    /** Publish a trace. */
    public PublishTraceUseCase publishTrace() {
        return get(PublishTraceUseCase.class);
    }

    /** Refresh the registry. */
    public UpdateRegistryUseCase updateRegistry() {
        return get(UpdateRegistryUseCase.class);
    }

    /** Check a registry. */
    public ValidateRegistryUseCase validateRegistry() {
        return get(ValidateRegistryUseCase.class);
    }

    /** Scaffold a registry. */
    public InitRegistryUseCase initRegistry() {
        return get(InitRegistryUseCase.class);
    }

    /** Verify, collect and pin the local store. */
    public StoreMaintenanceUseCase storeMaintenance() {
        return get(StoreMaintenanceUseCase.class);
    }

    /** Push, pull and list the private mirror. */
    public MirrorUseCase mirror() {
        return get(MirrorUseCase.class);
    }

    /** Keep the local store a mirror of the registry. */
    public MirrorRegistryUseCase registryMirror() {
        return get(MirrorRegistryUseCase.class);
    }

    /** The local IPFS daemon. */
    public DaemonUseCase daemon() {
        return get(DaemonUseCase.class);
    }

    /** Serve the store's proven content (the web gateway). */
    public ServeContentUseCase serveContent() {
        return get(ServeContentUseCase.class);
    }

    /** Probe gateways and pinning services for the registry's traces (pin monitoring). */
    public CheckHealthUseCase checkHealth() {
        return get(CheckHealthUseCase.class);
    }

    /** What the last pin-monitoring run recorded. */
    public TraceAvailabilityUseCase traceAvailability() {
        return get(TraceAvailabilityUseCase.class);
    }

    private <T> T get(Class<T> type) {
        return CoreModule.unwrapped(composition.injector().getProvider(type));
    }
}
