package org.phasic.traces.adapter.github;

import org.phasic.traces.ports.in.InitRegistryUseCase;
import org.phasic.traces.ports.out.RegistryScaffolding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.phasic.traces.domain.registry.PinningService;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * Scaffolds a registry repository ({@code registry init DIR}): {@code registry.json} (format 1.0.0, empty traces and
 * collections, the pinning services of the public registry), {@code README.md}, {@code CONTRIBUTING.md},
 * {@code .gitignore}, {@code .github/workflows/validate.yml} (runs {@code phasic-traces registry validate} on every
 * pull request) and {@code .github/workflows/health.yml} (runs {@code phasic-traces health} every day and fails when a
 * trace is retrievable from no gateway); then {@code git init} and a first commit when git is available.
 */
public final class RegistryScaffold implements RegistryScaffolding {
    /** The branch the scaffolded repository starts on (the tool's default {@code registry.branch}). */
    public static final String DEFAULT_BRANCH = "master";
    private static final String PLACEHOLDER_REPO = "OWNER/NAME";
    private static final Pattern TOOL_SOURCE = Pattern.compile("(https://|git@)[A-Za-z0-9._~:/?#@!$&()*+,;=%-]+");
    private static final String TEMPLATES = "scaffold/";

    /**
     * What to scaffold.
     *
     * @param repository the repository's future GitHub name {@code owner/name}, used in the documents (else {@code OWNER/NAME})
     * @param toolSource git URL of phasic-traces for the CI workflow (else the workflow asks for a repository variable)
     * @param toolRef    branch or tag of {@code toolSource} to build
     * @param force      scaffold into a non-empty folder, overwriting files of the same names
     */
    public record Options(Optional<String> repository, Optional<String> toolSource, String toolRef, boolean force) {
        public Options {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(toolSource, "toolSource");
            Objects.requireNonNull(toolRef, "toolRef");
            repository.ifPresent(GitHubNames::checkRepository);
            GitHubNames.checkBranch(toolRef);
            toolSource.ifPresent(source -> {
                if (!TOOL_SOURCE.matcher(source).matches()) {
                    throw new IllegalArgumentException("invalid tool source '" + UntrustedText.printable(source)
                            + "': expected a git URL such as https://github.com/OWNER/phasic-traces.git");
                }
            });
        }

        /** No repository name, no tool source, tool ref {@code main}, no force. */
        public static Options defaults() {
            return new Options(Optional.empty(), Optional.empty(), "main", false);
        }

        public Options withForce(boolean value) {
            return new Options(repository, toolSource, toolRef, value);
        }

        public Options withRepository(String value) {
            return new Options(Optional.ofNullable(value), toolSource, toolRef, force);
        }
    }

    /**
     * What was done.
     *
     * @param directory the registry folder
     * @param files     the files written, relative to it
     * @param committed whether a git repository was initialised and the files committed
     * @param gitNote   one line about the git step (done, skipped and why)
     */
    public record Result(Path directory, List<Path> files, boolean committed, String gitNote) {
        public Result {
            files = List.copyOf(files);
        }
    }

    private final JacksonRegistryCodec codec;
    private final Clock clock;
    private final GitCommand git;

    /** A scaffold that runs {@code git} from the PATH. */
    public RegistryScaffold(JacksonRegistryCodec codec, Clock clock) {
        this(codec, clock, new GitCommand("git", Map.of()));
    }

    RegistryScaffold(JacksonRegistryCodec codec, Clock clock, GitCommand git) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.git = Objects.requireNonNull(git, "git");
    }

    /** The registry a new repository starts with. */
    public Registry initialRegistry() {
        Map<String, PinningService> pinning = new LinkedHashMap<>();
        pinning.put("pinata", new PinningService("https://api.pinata.cloud", "https://gateway.pinata.cloud", Map.of()));
        pinning.put("web3storage", new PinningService("https://api.web3.storage", "https://w3s.link", Map.of()));
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        return new Registry(Registry.CURRENT_VERSION, now, Map.of(), Map.of(), pinning, Map.of());
    }

    @Override
    public InitRegistryUseCase.Result init(Path directory, InitRegistryUseCase.Request request) throws IOException {
        Result result = init(directory, new Options(request.repository(), request.toolSource(), request.toolRef(), request.force()));
        return new InitRegistryUseCase.Result(result.directory(), result.files(), result.gitNote());
    }

    /**
     * Writes the registry repository into {@code directory} (created if absent).
     *
     * @throws IOException when {@code directory} is a file, is not empty (without {@code force}) or cannot be written
     */
    public Result init(Path directory, Options options) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        prepare(dir, options.force());
        Map<String, String> values = Map.of(
                "{{REPO}}", options.repository().orElse(PLACEHOLDER_REPO),
                "{{BRANCH}}", DEFAULT_BRANCH,
                "{{TOOL_SOURCE}}", options.toolSource().orElse(""),
                "{{TOOL_REF}}", options.toolRef());
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(Path.of("registry.json"), codec.toBytes(initialRegistry()));
        files.put(Path.of("README.md"), template("README.md", values));
        files.put(Path.of("CONTRIBUTING.md"), template("CONTRIBUTING.md", values));
        files.put(Path.of(".gitignore"), template("gitignore", values));
        files.put(Path.of(".github", "workflows", "validate.yml"), template("validate.yml", values));
        files.put(Path.of(".github", "workflows", "health.yml"), template("health.yml", values));
        for (Map.Entry<Path, byte[]> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        GitOutcome outcome = commit(dir, new ArrayList<>(files.keySet()));
        return new Result(dir, new ArrayList<>(files.keySet()), outcome.committed(), outcome.note());
    }

    private static void prepare(Path dir, boolean force) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " is a file, not a folder. Hint: name a new or empty folder");
        }
        if (Files.isDirectory(dir) && !force) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(dir + " is not empty. Hint: name a new or empty folder, or use --force to write "
                            + "the registry files into it (files with the same names are overwritten)");
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static byte[] template(String name, Map<String, String> values) {
        try (InputStream in = RegistryScaffold.class.getResourceAsStream(TEMPLATES + name)) {
            if (in == null) {
                throw new IllegalStateException("scaffold template " + name + " is missing from the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace(value.getKey(), value.getValue());
            }
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record GitOutcome(boolean committed, String note) {
    }

    private GitOutcome commit(Path dir, List<Path> files) {
        if (Files.exists(dir.resolve(".git"))) {
            return new GitOutcome(false, "git: " + dir + " is already a git repository; review and commit the new files yourself");
        }
        if (!git.available()) {
            return new GitOutcome(false, "git: not found on the PATH; run 'git init' and commit the files yourself");
        }
        try {
            git.run(dir, "-c", "init.defaultBranch=" + DEFAULT_BRANCH, "init", "-q");
            List<String> add = new ArrayList<>(List.of("add", "--"));
            files.forEach(file -> add.add(file.toString().replace('\\', '/')));
            git.run(dir, add.toArray(String[]::new));
            List<String> commit = new ArrayList<>();
            if (!git.hasIdentity(dir)) {
                commit.addAll(List.of("-c", "user.name=phasic-traces", "-c", "user.email=phasic-traces@localhost"));
            }
            commit.addAll(List.of("-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "Scaffold a phasic-traces registry"));
            git.run(dir, commit.toArray(String[]::new));
            return new GitOutcome(true, "git: initialised a repository on branch " + DEFAULT_BRANCH + " and committed the files");
        } catch (IOException e) {
            return new GitOutcome(false, "git: " + e.getMessage() + "; the files are written, commit them yourself");
        }
    }
}
