package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.phasic.traces.adapter.github.HttpSettings;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.adapter.github.RegistryScaffold;
import org.phasic.traces.adapter.github.RegistrySources;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.application.FetchService;
import org.phasic.traces.application.FetchedTrace;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.RegistryDefect;
import org.phasic.traces.domain.registry.RegistryValidator;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.ports.out.RegistryFormatException;
import org.phasic.traces.ports.out.RegistrySource;
import org.phasic.traces.ports.out.RegistrySource.RegistryDownload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code registry}: scaffold, check and refresh registries. */
@Command(name = "registry", description = "Scaffold and check trace registries (registry.json).",
        subcommands = {RegistryCommand.Init.class, RegistryCommand.Validate.class, RegistryCommand.Update.class})
public final class RegistryCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints {@code phasic-traces: message} as one line on standard error and returns {@code code}. */
    private static int fail(CliContext context, int code, String message) {
        context.err().println("phasic-traces: " + message);
        context.err().flush();
        return code;
    }

    /** {@code registry init DIR}: a new registry repository. */
    @Command(name = "init", description = {"Create a registry repository in DIR: registry.json, README.md, CONTRIBUTING.md,",
            ".gitignore and a CI workflow that validates every pull request; git init and a first commit when git is installed."})
    public static final class Init implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "folder to create (must be empty unless --force)")
        private Path directory;

        @Option(names = "--force", description = "write into a non-empty folder, overwriting files with the same names")
        private boolean force;

        @Option(names = "--repo", paramLabel = "OWNER/NAME", description = "the repository's GitHub name, used in README and CONTRIBUTING")
        private String repository;

        @Option(names = "--tool-source", paramLabel = "GIT_URL",
                description = "git URL of phasic-traces for the CI workflow (else the workflow reads the PHASIC_TRACES_SOURCE variable)")
        private String toolSource;

        @Option(names = "--tool-ref", paramLabel = "REF", defaultValue = "main", description = "branch or tag of --tool-source (default: ${DEFAULT-VALUE})")
        private String toolRef;

        @Override
        public Integer call() {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            RegistryScaffold.Options options;
            try {
                options = new RegistryScaffold.Options(Optional.ofNullable(repository), Optional.ofNullable(toolSource), toolRef, force);
            } catch (IllegalArgumentException e) {
                return fail(context, ExitCode.USAGE, e.getMessage());
            }
            RegistryScaffold scaffold = new RegistryScaffold(new JacksonRegistryCodec(), Clock.systemUTC());
            RegistryScaffold.Result result;
            try {
                result = scaffold.init(directory, options);
            } catch (IOException e) {
                return fail(context, ExitCode.FAILED, e.getMessage());
            }
            PrintWriter out = context.out();
            out.println("Created a registry in " + result.directory() + ":");
            result.files().forEach(file -> out.println("  " + file.toString().replace('\\', '/')));
            out.println(result.gitNote());
            out.println("Next: push it to GitHub, then use it with --set registry.repo=OWNER/NAME (see README.md).");
            out.flush();
            return ExitCode.OK;
        }
    }

    /** {@code registry validate [FILE|URL]}: strict checks, every defect with its JSON path. */
    @Command(name = "validate", description = {"Check a registry strictly: format version, timestamps, ids, required fields,",
            "every CID, checksums, collections. Prints each defect with its JSON path; exit 1 if there is any."})
    public static final class Validate implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|URL",
                description = "registry.json to check: a path, file: URL or https URL (default: the configured registry)")
        private String target;

        @Option(names = "--json", description = "print the result as JSON")
        private boolean json;

        @Option(names = "--fetch", description = "also retrieve every trace (any configured source) and verify its CID and checksum")
        private boolean fetch;

        @Override
        public Integer call() {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            RegistrySource source;
            try {
                source = target == null ? context.injector().getInstance(RegistrySource.class)
                        : new RegistrySources(context.injector().getInstance(OkHttpClient.class), HttpSettings.DEFAULTS).of(target);
            } catch (IllegalArgumentException e) {
                return fail(context, ExitCode.USAGE, e.getMessage());
            } catch (ConfigException e) {
                return fail(context, ExitCode.USAGE, e.getMessage() + (e.hint().isEmpty() ? "" : ". Hint: " + e.hint()));
            }
            byte[] document;
            try {
                document = ((RegistryDownload.Fetched) source.fetch(Optional.empty())).bytes();
            } catch (IOException e) {
                return fail(context, ExitCode.FAILED, e.getMessage());
            }
            List<RegistryDefect> defects = new ArrayList<>();
            Registry registry = null;
            try {
                registry = new JacksonRegistryCodec().read(document);
                defects.addAll(new RegistryValidator().validate(registry));
            } catch (RegistryFormatException e) {
                defects.add(new RegistryDefect(e.jsonPath().orElse("$"), e.problem()));
            }
            if (fetch && registry != null) {
                defects.addAll(retrievalDefects(context, registry));
            }
            report(context.out(), source.location(), registry, defects);
            return defects.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
        }

        private static List<RegistryDefect> retrievalDefects(CliContext context, Registry registry) {
            FetchService fetchService = context.injector().getInstance(FetchService.class);
            List<RegistryDefect> defects = new ArrayList<>();
            int index = 0;
            for (TraceEntry entry : registry.traces().values()) {
                index++;
                try {
                    FetchedTrace fetched = fetchService.fetch(entry);
                    context.note("[" + index + "/" + registry.traces().size() + "] " + entry.id() + ": verified ("
                            + fetched.servedBy() + ")");
                } catch (IOException | RuntimeException e) {
                    defects.add(new RegistryDefect("$.traces." + entry.id(), "not retrievable: " + e.getMessage()));
                    context.note("[" + index + "/" + registry.traces().size() + "] " + entry.id() + ": FAILED");
                }
            }
            return defects;
        }

        private void report(PrintWriter out, String location, Registry registry, List<RegistryDefect> defects) {
            if (json) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ObjectNode result = mapper.createObjectNode().put("location", location).put("valid", defects.isEmpty());
                if (registry != null) {
                    result.put("traces", registry.traces().size()).put("collections", registry.collections().size());
                }
                ArrayNode list = result.putArray("defects");
                defects.forEach(defect -> list.addObject().put("path", defect.jsonPath()).put("message", defect.message()));
                out.println(result.toPrettyString());
            } else {
                defects.forEach(out::println);
                if (defects.isEmpty()) {
                    out.println("valid: " + registry.traces().size() + " traces, " + registry.collections().size()
                            + " collections in " + location);
                } else {
                    out.println(defects.size() + (defects.size() == 1 ? " defect" : " defects") + " in " + location);
                }
            }
            out.flush();
        }
    }

    /** {@code registry update}: refresh the local copy of the registry now. */
    @Command(name = "update", description = {"Download the configured registry now (a conditional request) and keep it",
            "as the last good copy; a download that is malformed never replaces it. Exit 1 if it failed."})
    public static final class Update implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            RegistryService.UpdateResult result = context.injector().getInstance(RegistryService.class).update();
            context.out().println(result.message());
            context.out().flush();
            return result.outcome() == RegistryService.UpdateOutcome.FAILED_KEPT_LAST_GOOD ? ExitCode.FAILED : ExitCode.OK;
        }
    }
}
