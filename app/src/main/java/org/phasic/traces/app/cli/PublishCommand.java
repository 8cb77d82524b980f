package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phasic.traces.domain.io.SizeLimitExceededException;
import org.phasic.traces.domain.io.SizeLimitedInputStream;
import org.phasic.traces.domain.registry.Citation;
import org.phasic.traces.domain.registry.Parameter;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.in.PreparedPublication;
import org.phasic.traces.ports.in.PublishOptions;
import org.phasic.traces.ports.in.PublishRefusedException;
import org.phasic.traces.ports.in.PublishRequest;
import org.phasic.traces.ports.in.PublishResult;
import org.phasic.traces.ports.in.PublishTraceUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code publish TRACE_FILE --id ID}: check and package a trace, compute its CID locally, store it, add and pin it on the
 * local IPFS daemon when one answers, and open the registry pull request (manual instructions without a token).
 */
@Command(name = "publish", sortOptions = false,
        header = "Publish a trace: package it, compute its CID, store and pin it, and open the registry pull request.",
        description = {"Publish a trace: check it and its metadata, package it (trace.json.gz, metadata.json, "
                + "checksum.sha256, code files), compute its directory CID locally (Kubo defaults, CIDv0), keep it "
                + "in the local store, add and pin it on the local IPFS daemon when one answers, and open the "
                + "registry pull request (with GITHUB_TOKEN / GH_TOKEN / github.token; otherwise print how to open "
                + "it by hand).",
            "When no IPFS node answers and no pinning service is configured, nothing serves the content: it "
                    + "stays in the local store, nothing is proposed, and the command says what to do (exit 1).",
            "Metadata comes from --metadata (JSON or YAML) and the flags below (flags win); param_length and "
                    + "vertices (not counting the starting vertex) default to the trace's."},
        footer = {"", "Exit codes: 0 ok, 1 refused, failed or nothing serves the content, 2 usage error or missing input file."})
public final class PublishCommand implements Callable<Integer> {
    private static final long MAX_METADATA_BYTES = 1L << 20;
    private static final long MAX_CODE_BYTES = 16L << 20;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE_FILE", description = "the trace: .json or .json.gz, any format phasic writes")
    private Path traceFile;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "the new trace's id: [a-z0-9][a-z0-9_.-]*")
    private String id;

    @Option(names = "--metadata", paramLabel = "FILE", description = "metadata as JSON or YAML (.yaml/.yml), shaped like metadata.json")
    private Path metadataFile;

    @Option(names = "--model-type", paramLabel = "TYPE", description = "e.g. coalescent")
    private String modelType;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "e.g. population-genetics")
    private String domain;

    @Option(names = "--variant", paramLabel = "VARIANT", description = "e.g. kingman")
    private String variant;

    @Option(names = "--param-length", paramLabel = "N", description = "number of parameters (checked against the trace)")
    private Integer paramLength;

    @Option(names = "--vertices", paramLabel = "N", description = "vertices without the starting vertex (checked against the trace)")
    private Integer vertices;

    @Option(names = "--description", paramLabel = "TEXT", description = "one line")
    private String description;

    @Option(names = "--parameter", paramLabel = "NAME[=DESCRIPTION]", description = "a parameter, in order (repeat)")
    private List<String> parameters = new ArrayList<>();

    @Option(names = "--author", paramLabel = "NAME", description = "e.g. 'Ada Lovelace <ada@example.org>'")
    private String author;

    @Option(names = "--citation", paramLabel = "TEXT", description = "how to cite it")
    private String citation;

    @Option(names = "--doi", paramLabel = "DOI", description = "DOI of the citation")
    private String doi;

    @Option(names = "--tag", paramLabel = "TAG", description = "a tag (repeat)")
    private List<String> tags = new ArrayList<>();

    @Option(names = "--license", paramLabel = "LICENSE", description = "e.g. MIT")
    private String license;

    @Option(names = "--created", paramLabel = "DATE", description = "ISO date (default: today, UTC)")
    private String created;

    @Option(names = "--code", paramLabel = "FILE", description = "construction or example code placed beside the trace (repeat)")
    private List<Path> codeFiles = new ArrayList<>();

    @Option(names = "--dry-run", description = "print the registry entry and do nothing else")
    private boolean dryRun;

    @Option(names = "--new-version", description = "replace an existing id; the entry keeps the old CIDs under 'previous'")
    private boolean newVersion;

    @Option(names = "--no-pr", description = "store and pin only; print the entry instead of opening a pull request")
    private boolean noPullRequest;

    @Option(names = "--check-retrievable", description = "before the pull request, fetch the trace back through a gateway and verify it")
    private boolean checkRetrievable;

    @Mixin
    private JsonOutput json = new JsonOutput();

    @Override
    public Integer call() {
        CliContext context = PhasicTracesCommand.contextOf(spec);
        TraceId traceId = CliArguments.traceId(id);
        PublishTraceUseCase service = context.useCases().publishTrace();
        PublishRequest request;
        try {
            request = new PublishRequest(traceId, read(traceFile, PublishTraceUseCase.MAX_TRACE_FILE_BYTES), metadata(service), codeFiles(), newVersion);
        } catch (IOException e) {
            return fail(context, ExitCode.USAGE, IoMessages.describe(e), "check the file paths");
        } catch (InvalidInputException e) {
            return fail(context, ExitCode.USAGE, "metadata file " + metadataFile + ": " + e.getMessage(),
                    "it must be one JSON or YAML object shaped like metadata.json");
        }
        PreparedPublication prepared;
        try {
            prepared = service.prepare(request);
        } catch (PublishRefusedException e) {
            e.problems().forEach(problem -> context.err().println("phasic-traces: publish: " + problem));
            context.err().println("  hint: " + HintText.of(e.hint()));
            context.err().flush();
            return ExitCode.FAILED;
        } catch (IOException e) {
            return fail(context, ExitCode.FAILED, IoMessages.describe(e), "nothing was stored, uploaded or proposed");
        }
        if (dryRun) {
            if (json.enabled()) {
                JsonOutput.print(context, EntryJson.summary(prepared.entry()).put("dry_run", true));
            } else {
                context.out().println(service.entryJson(prepared.entry()));
                context.out().flush();
            }
            context.note("dry run: nothing was stored, uploaded or proposed");
            return ExitCode.OK;
        }
        boolean offline = context.configuration().flag("offline");
        if (offline && checkRetrievable) {
            return fail(context, ExitCode.USAGE, "--check-retrievable needs the network", "drop --offline, or --check-retrievable");
        }
        if (offline && !noPullRequest) {
            context.note("offline: no pull request and no remote pinning; publish again online to open it (same content, same CID)");
        }
        PublishOptions options = new PublishOptions(!noPullRequest && !offline, checkRetrievable);
        try {
            PublishResult result = service.publish(prepared, options);
            if (json.enabled()) {
                JsonOutput.print(context, toJson(result));
            }
            if (!result.served()) {
                return notServed(context, result, offline, json.enabled());
            }
            if (!json.enabled()) {
                report(context, result, options, service);
            }
            return ExitCode.OK;
        } catch (OperationFailedException e) {
            return fail(context, ExitCode.FAILED, e.getMessage(), HintText.of(e.hint()));
        } catch (IOException | IllegalStateException e) {
            return fail(context, ExitCode.FAILED, e.getMessage(),
                    "the trace is in the local store; fix the cause and publish again (same content, same CID)");
        }
    }

    /**
     * Nothing serves the content (no IPFS node answered, no pinning service is configured): say so plainly, with what to
     * do; exit 1, since the trace is not published, only stored.
     */
    private static int notServed(CliContext context, PublishResult result, boolean offline, boolean json) {
        TraceEntry entry = result.entry();
        if (!json) {
            context.out().println("stored " + entry.id() + ": " + entry.cid() + " (local store only, not published)");
            result.verification().forEach(line -> context.out().println("  - " + line));
            context.out().flush();
        }
        return fail(context, ExitCode.FAILED, "nothing serves " + entry.cid() + " yet: no IPFS node answered and no pinning service"
                + " is configured, so nobody can fetch it; no pull request was proposed",
                "start an IPFS daemon ('phasic-traces daemon start')" + (offline ? "" : " or set publish.pinningUrl and"
                        + " PINNING_SERVICE_TOKEN") + ", then publish again (same content, same CID)");
    }

    private static ObjectNode toJson(PublishResult result) {
        ObjectNode node = EntryJson.summary(result.entry()).put("dry_run", false).put("served", result.served());
        result.verification().forEach(node.putArray("verification")::add);
        node.put("pull_request", result.pullRequest().map(pull -> pull.url().toString()).orElse(null));
        node.put("manual_instructions", result.manualInstructions().orElse(null));
        return node;
    }

    private static void report(CliContext context, PublishResult result, PublishOptions options, PublishTraceUseCase service) {
        PrintWriter out = context.out();
        TraceEntry entry = result.entry();
        out.println("published " + entry.id() + ": " + entry.cid());
        result.verification().forEach(line -> out.println("  - " + line));
        result.pullRequest().ifPresent(pull -> out.println("pull request: " + pull.url()));
        result.manualInstructions().ifPresent(instructions -> {
            out.println("no GitHub token (GITHUB_TOKEN, GH_TOKEN or github.token): open the pull request by hand");
            out.println(instructions);
        });
        if (!options.openPullRequest()) {
            out.println("registry entry (no pull request opened):");
            out.println(service.entryJson(entry));
        }
        out.flush();
    }

    private TraceMetadata metadata(PublishTraceUseCase service) throws IOException {
        TraceMetadata base = metadataFile == null ? new TraceMetadata(null, null, null, null, null, null, null, null, null, null,
                null, null, Map.of()) : readMetadataFile(service);
        List<Parameter> parameterList = parameters.isEmpty() ? base.parameters()
                : parameters.stream().map(PublishCommand::parameter).toList();
        Citation cited = base.citation();
        if (citation != null || doi != null) {
            Citation old = cited == null ? new Citation(null, null, null, Map.of()) : cited;
            cited = new Citation(or(citation, old.text()), or(doi, old.doi()),
                    doi != null ? "https://doi.org/" + doi : old.url(), old.extra());
        }
        return new TraceMetadata(or(modelType, base.modelType()), or(domain, base.domain()), or(variant, base.variant()),
                or(paramLength, base.paramLength()), or(vertices, base.vertices()), or(description, base.description()),
                parameterList, or(created, base.created()), or(author, base.author()), cited,
                tags.isEmpty() ? base.tags() : List.copyOf(tags), or(license, base.license()), base.extra());
    }

    private TraceMetadata readMetadataFile(PublishTraceUseCase service) throws IOException {
        byte[] bytes = read(metadataFile, MAX_METADATA_BYTES);
        String name = metadataFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            JsonNode tree;
            try {
                tree = new ObjectMapper(new YAMLFactory()).readTree(bytes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new InvalidInputException("not valid YAML: " + e.getOriginalMessage());
            }
            bytes = new ObjectMapper().writeValueAsBytes(tree);
        }
        return service.readMetadata(bytes);
    }

    private static Parameter parameter(String flag) {
        int equals = flag.indexOf('=');
        String name = (equals < 0 ? flag : flag.substring(0, equals)).strip();
        if (name.isEmpty()) {
            throw new CliArguments.UsageError("--parameter needs a name: NAME or NAME=DESCRIPTION, not '" + flag + "'");
        }
        return new Parameter(name, equals < 0 ? null : flag.substring(equals + 1).strip(), null, Map.of());
    }

    private Map<String, byte[]> codeFiles() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Path file : codeFiles) {
            String name = file.getFileName().toString();
            if (files.put(name, read(file, MAX_CODE_BYTES)) != null) {
                throw new CliArguments.UsageError("two --code files are named " + name + "; a trace directory holds one of each name");
            }
        }
        return files;
    }

    private static byte[] read(Path file, long maxBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(Files.exists(file) ? "not a regular file: " + file : "no such file: " + file);
        }
        try (InputStream in = new SizeLimitedInputStream(Files.newInputStream(file), maxBytes, file.toString())) {
            return in.readAllBytes();
        } catch (SizeLimitExceededException e) {
            throw new IOException(file + " is larger than " + maxBytes + " bytes", e);
        }
    }

    private static <T> T or(T flag, T fromFile) {
        return flag != null ? flag : fromFile;
    }

    private static int fail(CliContext context, int code, String message, String hint) {
        Main.report(context.err(), "publish: " + message, hint);
        return code;
    }
}
