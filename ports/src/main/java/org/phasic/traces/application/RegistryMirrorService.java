package org.phasic.traces.application;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;
import org.phasic.traces.ports.in.GcReport;
import org.phasic.traces.ports.in.InstallTracesUseCase;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.MirrorRegistryUseCase;
import org.phasic.traces.ports.in.RegistryUpdate;
import org.phasic.traces.ports.in.StoreMaintenanceUseCase;
import org.phasic.traces.ports.in.TraceSelection;
import org.phasic.traces.ports.in.UpdateRegistryUseCase;
import org.phasic.traces.ports.in.MirrorRegistryUseCase.Event.Kind;
import org.phasic.traces.ports.out.MirrorPins;
import org.phasic.traces.ports.out.RemotePinning;

/**
 * The registry mirror loop over the other use cases: {@link UpdateRegistryUseCase} refreshes, {@link InstallTracesUseCase}
 * fetches and verifies, {@link StoreMaintenanceUseCase#gc} collects. Pins made are recorded ({@link MirrorPins}), so a
 * target is asked once per trace version, across restarts too; a record that cannot be read is noticed once and
 * started afresh.
 */
public final class RegistryMirrorService implements MirrorRegistryUseCase {
    /** The first pause after a failed pass; it doubles with every further failed pass, up to the interval. */
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);

    private final UpdateRegistryUseCase registry;
    private final InstallTracesUseCase install;
    private final StoreMaintenanceUseCase store;
    private final Supplier<List<RemotePinning>> pinning;
    private final MirrorPins pins;
    private final Notices notices;
    private final Clock clock;
    /** Target name → directory CIDs pinned there; read from {@link #pins} when a request first pins. */
    private Map<String, Set<String>> pinned;

    /**
     * @param registry refreshes the registry
     * @param install  installs traces
     * @param store    collects what the registry no longer lists
     * @param pinning  the pinning targets, built when a request first pins
     * @param pins     the record of the pins made, read when a request first pins
     * @param notices  told when that record cannot be read or written
     * @param clock    time of the events
     */
    public RegistryMirrorService(UpdateRegistryUseCase registry, InstallTracesUseCase install, StoreMaintenanceUseCase store,
                                 Supplier<List<RemotePinning>> pinning, MirrorPins pins, Notices notices, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.install = Objects.requireNonNull(install, "install");
        this.store = Objects.requireNonNull(store, "store");
        this.pinning = Objects.requireNonNull(pinning, "pinning");
        this.pins = Objects.requireNonNull(pins, "pins");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Pass run(Request request, Duration interval, Schedule schedule, Log log) throws InterruptedException {
        Objects.requireNonNull(interval, "interval");
        Pass last = pass(request, schedule, log);
        int failedPasses = 0;
        while (!last.stopped() && !schedule.stopping()) {
            failedPasses = last.ok() ? 0 : failedPasses + 1;
            Duration pause = failedPasses == 0 ? interval : retryPause(failedPasses, interval);
            if (failedPasses > 0) {
                log.event(event(Kind.RETRYING, last.failures() + " failure(s) in this pass; next pass in " + pause));
            }
            if (!schedule.await(pause)) {
                break;
            }
            try {
                last = pass(request, schedule, log);
            } catch (RuntimeException e) {
                log.event(event(Kind.FAILED, "pass failed: " + e.getMessage()));
                last = new Pass(0, 0, 0, 1, false);
            }
        }
        return last;
    }

    /** One minute after the first failed pass, doubling after each further one, never longer than {@code interval}. */
    static Duration retryPause(int failedPasses, Duration interval) {
        Duration pause = FIRST_RETRY.multipliedBy(1L << Math.min(failedPasses - 1, 20));
        return pause.compareTo(interval) < 0 ? pause : interval;
    }

    @Override
    public Pass pass(Request request, Schedule schedule, Log log) throws InterruptedException {
        AtomicInteger failures = new AtomicInteger();
        RegistryUpdate update = registry.update();
        switch (update.outcome()) {
            case UPDATED -> log.event(event(Kind.REGISTRY_UPDATED, update.message()));
            case FAILED_KEPT_LAST_GOOD -> fail(log, failures, update.message());
            case NOT_MODIFIED, OFFLINE -> { }
        }
        Optional<TraceSelection> selection = request.collections().isEmpty() ? Optional.of(TraceSelection.byDefault())
                : selection(registry.local(), request.collections());
        if (schedule.stopping()) {
            return new Pass(0, 0, 0, failures.get(), true);
        }
        AtomicInteger installed = new AtomicInteger();
        List<TraceId> present = new ArrayList<>();
        if (selection.isPresent()) {
            BatchOutcome outcome = install.install(selection.get(), request.jobs(), item -> {
                if (item.status() == BatchItem.Status.DONE) {
                    installed.incrementAndGet();
                    log.event(event(Kind.INSTALLED, "installed " + item.id()
                            + item.servedBy().map(from -> " (from " + from + ")").orElse("")));
                } else if (!item.ok()) {
                    fail(log, failures, "could not install " + item.id() + ": " + item.error().orElse("failed"));
                }
            });
            outcome.items().stream().filter(BatchItem::ok).map(BatchItem::id).forEach(present::add);
        }
        if (schedule.stopping()) {
            return new Pass(installed.get(), 0, 0, failures.get(), true);
        }
        int pins = request.pin() ? pin(registry.local(), present, log, failures) : 0;
        if (schedule.stopping()) {
            return new Pass(installed.get(), pins, 0, failures.get(), true);
        }
        int collected = 0;
        if (update.outcome() != RegistryUpdate.Outcome.FAILED_KEPT_LAST_GOOD) {
            GcReport report = store.gc(false);
            for (String id : report.references()) {
                log.event(event(Kind.COLLECTED, "collected " + id + " (no longer listed by the registry)"));
            }
            collected = report.references().size();
        }
        return new Pass(installed.get(), pins, collected, failures.get(), false);
    }

    /** The traces of {@code collections} (at least one), or empty when the collections hold none. */
    private static Optional<TraceSelection> selection(Registry registry, List<String> collections) {
        Set<TraceId> ids = new LinkedHashSet<>();
        for (String name : new LinkedHashSet<>(collections)) {
            InstallService.resolve(registry, new TraceSelection(Optional.of(name), List.of())).ifPresent(ids::addAll);
        }
        return ids.isEmpty() ? Optional.empty() : Optional.of(new TraceSelection(Optional.empty(), List.copyOf(ids)));
    }

    /** Pins each of {@code ids} on every target that lacks it; the record then forgets versions no longer listed. */
    private int pin(Registry current, List<TraceId> ids, Log log, AtomicInteger failures) {
        int pins = 0;
        List<RemotePinning> targets = pinning.get();
        Map<String, Set<String>> done = pinned();
        for (TraceId id : ids) {
            Optional<TraceEntry> entry = current.find(id);
            if (entry.isEmpty()) {
                continue;
            }
            String cid = entry.get().cid();
            for (RemotePinning target : targets) {
                Set<String> there = done.computeIfAbsent(target.name(), name -> new HashSet<>());
                if (there.contains(cid)) {
                    continue;
                }
                try {
                    String status = target.pin(Cid.parse(cid), id.value());
                    there.add(cid);
                    pins++;
                    log.event(event(Kind.PINNED, "pinned " + id + " (" + cid + ") on " + target.name() + ": " + status));
                } catch (IOException | RuntimeException e) {
                    fail(log, failures, "could not pin " + id + " on " + target.name() + ": " + e.getMessage());
                }
            }
        }
        Set<String> listed = current.traces().values().stream().map(TraceEntry::cid).collect(Collectors.toSet());
        boolean unlisted = false;
        for (Set<String> cids : done.values()) {
            unlisted |= cids.removeIf(cid -> !listed.contains(cid));
        }
        if (pins > 0 || unlisted) {
            record(done);
        }
        return pins;
    }

    /** The pins made so far: the record, read once (afresh, with a notice, when it cannot be read). */
    private synchronized Map<String, Set<String>> pinned() {
        if (pinned == null) {
            pinned = new HashMap<>();
            try {
                pins.load().forEach((target, cids) -> pinned.put(target, new HashSet<>(cids)));
            } catch (IOException e) {
                notices.notice("cannot read the record of the mirror's pins (" + e.getMessage()
                        + "); every trace is pinned again and the record rewritten");
            }
        }
        return pinned;
    }

    private void record(Map<String, Set<String>> done) {
        try {
            pins.save(done);
        } catch (IOException e) {
            notices.notice("cannot record the mirror's pins (" + e.getMessage() + "); after a restart they are asked for again");
        }
    }

    private void fail(Log log, AtomicInteger failures, String message) {
        failures.incrementAndGet();
        log.event(event(Kind.FAILED, message));
    }

    private Event event(Kind kind, String message) {
        return new Event(clock.instant(), kind, message);
    }
}
