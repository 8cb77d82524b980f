package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.phasic.traces.adapter.cloud.MirrorContentSource;
import org.phasic.traces.adapter.cloud.MirrorIndexEntry;
import org.phasic.traces.adapter.cloud.MirrorPush;
import org.phasic.traces.application.BoundedParallel;
import org.phasic.traces.application.FetchService;
import org.phasic.traces.application.FetchSettings;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.out.BlobInfo;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.TraceStore;
import org.phasic.traces.ports.out.TraceStore.StoredTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cache push|pull|ls}: the private mirror of the active {@code s3} or {@code gcs} profile. */
@Command(name = "cache", description = "Private mirror of the active s3 or gcs profile: push local traces, pull them, list them.",
        subcommands = {CacheCommand.Push.class, CacheCommand.Pull.class, CacheCommand.Ls.class})
public final class CacheCommand implements Runnable {
    private static final int MAX_INDEX_ENTRY_BYTES = 4096;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code cache push}: send traces of the local store that the mirror lacks. */
    @Command(name = "push", description = "Copy traces from the local store to the mirror; sends only what the mirror lacks.")
    static final class Push implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--all", description = "every trace in the local store")
        private boolean all;

        @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "parallel uploads (default: cache.jobs, 4)")
        private Integer jobs;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "trace ids in the local store")
        private List<String> ids = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            if (all == !ids.isEmpty()) {
                throw new CliArguments.UsageError("give trace ids or --all, not both and not neither");
            }
            int parallel = CliArguments.jobs(context, jobs, "cache.jobs");
            MirrorContentSource mirror = mirror(context);
            Injector injector = context.injector();
            TraceStore store = injector.getInstance(TraceStore.class);
            List<TraceId> wanted = all ? List.copyOf(injector.getInstance(RegistryService.class).current().traces().keySet())
                    : ids.stream().map(CliArguments::traceId).toList();
            List<Outcome> outcomes = new ArrayList<>();
            List<StoredTrace> toPush = new ArrayList<>();
            for (TraceId id : wanted) {
                Optional<StoredTrace> stored = store.findAny(id);
                if (stored.isPresent()) {
                    toPush.add(stored.get());
                } else if (!all) {
                    outcomes.add(new Outcome(id.value(), Status.FAILED,
                            "not in the local store; run 'phasic-traces get " + id + "' first"));
                }
            }
            List<ContentSource> dagSources = injector.getInstance(FetchService.class).sources().stream()
                    .filter(source -> !(source instanceof MirrorContentSource)).toList();
            MirrorPush push = new MirrorPush(mirror.store(), dagSources);
            outcomes.addAll(runAll(context, "push", "sent", toPush, StoredTrace::id, parallel, trace -> {
                MirrorPush.Result result = push.push(trace.id(), trace.rootCid());
                return result.sent() ? Status.DONE : Status.SKIPPED;
            }));
            return summarize(context, "push to " + mirror.store().location(), "sent", outcomes);
        }
    }

    /** {@code cache pull}: fetch traces from the mirror into the local store, verified like any source. */
    @Command(name = "pull", description = "Fetch traces from the mirror into the local store (verified against the registry).")
    static final class Pull implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--collection", paramLabel = "NAME", description = "a collection from the registry")
        private String collection;

        @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "parallel downloads (default: cache.jobs, 4)")
        private Integer jobs;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "trace ids (default: every trace the mirror lists)")
        private List<String> ids = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            int parallel = CliArguments.jobs(context, jobs, "cache.jobs");
            MirrorContentSource mirror = mirror(context);
            Injector injector = context.injector();
            RegistryService registry = injector.getInstance(RegistryService.class);
            List<TraceId> wanted = selection(registry.current(), mirror.store());
            FetchSettings settings = new FetchSettings(false, context.configuration().duration("store.lockWait"),
                    FetchSettings.DEFAULTS.maxFileBytes());
            FetchService fromMirror = new FetchService(registry, injector.getInstance(TraceStore.class), List.of(mirror),
                    context::note, settings);
            List<Outcome> outcomes = runAll(context, "pull", "received", wanted, id -> id, parallel,
                    id -> fromMirror.get(id, false).fromStore() ? Status.SKIPPED : Status.DONE);
            return summarize(context, "pull from " + mirror.store().location(), "received", outcomes);
        }

        private List<TraceId> selection(Registry registry, BlobStore store) throws IOException {
            Optional<List<TraceId>> named = CliArguments.selection(registry, collection, ids);
            if (named.isPresent()) {
                return named.get();
            }
            return store.list(BlobKeys.INDEX).stream().map(BlobInfo::key).map(BlobKeys::indexId)
                    .flatMap(Optional::stream).map(TraceId::of).toList();
        }
    }

    /** {@code cache ls}: what the mirror holds. */
    @Command(name = "ls", description = "List the traces in the mirror: id, directory CID and CAR size.")
    static final class Ls implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() throws Exception {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            BlobStore store = mirror(context).store();
            Map<String, Long> carSizes = store.list(BlobKeys.CARS).stream()
                    .collect(Collectors.toMap(BlobInfo::key, BlobInfo::size));
            ArrayNode rows = EntryJson.MAPPER.createArrayNode();
            Table table = new Table("ID", "CID", "CAR BYTES");
            int unreadable = 0;
            for (BlobInfo info : store.list(BlobKeys.INDEX)) {
                Optional<MirrorIndexEntry> entry = readEntry(store, info);
                if (entry.isEmpty()) {
                    unreadable++;
                    context.err().println("unreadable index entry " + info.key() + " in " + store.location());
                    continue;
                }
                Long size = carSizes.get(BlobKeys.car(entry.get().rootCid()));
                ObjectNode row = rows.addObject();
                row.put("id", entry.get().id().value());
                row.put("cid", entry.get().rootCid());
                if (size != null) {
                    row.put("car_bytes", size);
                } else {
                    row.putNull("car_bytes");
                }
                table.row(entry.get().id().value(), entry.get().rootCid(), size == null ? "missing" : Long.toString(size));
            }
            if (json) {
                context.out().println(EntryJson.write(rows));
            } else {
                table.print(context.out(), 40);
                context.note(rows.size() + " trace(s) in " + store.location());
            }
            context.out().flush();
            return unreadable == 0 ? ExitCode.OK : ExitCode.FAILED;
        }

        private static Optional<MirrorIndexEntry> readEntry(BlobStore store, BlobInfo info) {
            if (info.size() > MAX_INDEX_ENTRY_BYTES) {
                return Optional.empty();
            }
            try (InputStream in = store.get(info.key())) {
                return MirrorIndexEntry.parse(info.key(), in.readAllBytes());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    private enum Status { DONE, SKIPPED, FAILED }

    private record Outcome(String id, Status status, String error) {
    }

    @FunctionalInterface
    private interface Work<T> {
        Status run(T item) throws Exception;
    }

    /** The one mirror of the active profiles. */
    private static MirrorContentSource mirror(CliContext context) {
        Set<ContentSource> sources = context.injector().getInstance(Key.get(new TypeLiteral<Set<ContentSource>>() { }));
        List<MirrorContentSource> mirrors = sources.stream().filter(MirrorContentSource.class::isInstance)
                .map(MirrorContentSource.class::cast).toList();
        if (mirrors.isEmpty()) {
            throw new CliArguments.UsageError("no private mirror is configured; use --profile s3 (with s3.bucket set)"
                    + " or --profile gcs (with gcs.bucket set)");
        }
        if (mirrors.size() > 1) {
            throw new CliArguments.UsageError("several private mirrors are active ("
                    + mirrors.stream().map(MirrorContentSource::name).collect(Collectors.joining(", "))
                    + "); run cache commands with one of them, e.g. --profile s3");
        }
        return mirrors.get(0);
    }

    /** Runs {@code work} on every item with at most {@code jobs} at a time, with a progress bar on a console. */
    private static <T> List<Outcome> runAll(CliContext context, String task, String doneVerb, List<T> items,
                                            Function<T, TraceId> idOf, int jobs, Work<T> work)
            throws InterruptedException {
        try (ItemProgress progress = new ItemProgress(context, task, items.size())) {
            return BoundedParallel.map(items, jobs, "cache-" + task, item -> {
                Outcome outcome = runOne(idOf.apply(item).value(), item, work);
                progress.finished(outcome.id() + ": " + switch (outcome.status()) {
                    case DONE -> doneVerb;
                    case SKIPPED -> "skipped (already there)";
                    case FAILED -> "FAILED " + outcome.error();
                });
                return outcome;
            });
        }
    }

    private static <T> Outcome runOne(String id, T item, Work<T> work) {
        try {
            return new Outcome(id, work.run(item), null);
        } catch (Exception e) {
            return new Outcome(id, Status.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static int summarize(CliContext context, String what, String doneVerb, List<Outcome> outcomes) {
        outcomes.stream().filter(outcome -> outcome.status() == Status.FAILED)
                .forEach(outcome -> context.err().println("failed " + outcome.id() + ": " + outcome.error()));
        context.err().flush();
        context.out().printf("%s: %d %s, %d skipped, %d failed%n", what, count(outcomes, Status.DONE), doneVerb,
                count(outcomes, Status.SKIPPED), count(outcomes, Status.FAILED));
        context.out().flush();
        return count(outcomes, Status.FAILED) == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    private static long count(List<Outcome> outcomes, Status status) {
        return outcomes.stream().filter(outcome -> outcome.status() == status).count();
    }
}
