package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.RegistryDefect;
import org.phasic.traces.ports.in.InitRegistryUseCase;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.in.RegistryUpdate;
import org.phasic.traces.ports.in.ValidateRegistryUseCase.RegistryValidation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    /** Prints {@code phasic-traces: message} and, when there is one, the hint on standard error; returns {@code code}. */
    private static int fail(CliContext context, int code, String message, String hint) {
        Main.report(context.err(), message, hint);
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

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Override
        public Integer call() {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            InitRegistryUseCase.Result result;
            try {
                result = context.useCases().initRegistry().init(directory,
                        new InitRegistryUseCase.Request(Optional.ofNullable(repository), Optional.ofNullable(toolSource), toolRef, force));
            } catch (InvalidInputException e) {
                return fail(context, ExitCode.USAGE, e.getMessage(), "");
            } catch (OperationFailedException e) {
                return fail(context, ExitCode.FAILED, e.getMessage(), "");
            }
            if (json.enabled()) {
                ObjectNode node = EntryJson.MAPPER.createObjectNode().put("directory", result.directory().toString());
                ArrayNode files = node.putArray("files");
                result.files().forEach(file -> files.add(file.toString().replace('\\', '/')));
                JsonOutput.print(context, node.put("git", result.gitNote()));
                return ExitCode.OK;
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

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Option(names = "--fetch", description = "also retrieve every trace (any configured source) and verify its CID and checksum")
        private boolean fetch;

        @Override
        public Integer call() {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            if (target != null && !target.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
                CliArguments.inputFile(spec, Path.of(target), false);
            }
            RegistryValidation validation;
            try {
                validation = context.useCases().validateRegistry().validate(Optional.ofNullable(target), fetch,
                        (index, total, item) -> context.note("[" + index + "/" + total + "] " + item.id() + ": "
                                + (item.ok() ? "verified (" + item.servedBy().map(Object::toString).orElse("") + ")" : "FAILED")));
            } catch (InvalidInputException e) {
                return fail(context, ExitCode.USAGE, e.getMessage(), "");
            } catch (ConfigException e) {
                return fail(context, ExitCode.USAGE, e.getMessage(), e.hint());
            } catch (OperationFailedException e) {
                return fail(context, ExitCode.FAILED, e.getMessage(), "");
            }
            report(context.out(), validation.location(), validation.registry().orElse(null), validation.defects());
            return validation.valid() ? ExitCode.OK : ExitCode.FAILED;
        }

        private void report(PrintWriter out, String location, Registry registry, List<RegistryDefect> defects) {
            if (json.enabled()) {
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

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Override
        public Integer call() {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            RegistryUpdate result = context.useCases().updateRegistry().update();
            boolean failed = result.outcome() == RegistryUpdate.Outcome.FAILED_KEPT_LAST_GOOD;
            if (json.enabled()) {
                JsonOutput.print(context, EntryJson.MAPPER.createObjectNode()
                        .put("outcome", result.outcome().name().toLowerCase(Locale.ROOT))
                        .put("traces", result.traces()).put("message", result.message()));
                return failed ? ExitCode.FAILED : ExitCode.OK;
            }
            PrintWriter stream = failed ? context.err() : context.out();
            stream.println(result.message());
            stream.flush();
            return failed ? ExitCode.FAILED : ExitCode.OK;
        }
    }
}
