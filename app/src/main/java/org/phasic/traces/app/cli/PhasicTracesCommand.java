package org.phasic.traces.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.phasic.traces.ports.in.UnknownTraceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code phasic-traces}: the top-level command and its global options. */
@Command(name = "phasic-traces",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"A decentralized, content-addressed repository of phasic elimination traces:",
                "fetch verified traces by id, browse the registry, publish new ones."},
        footer = {"", "Exit codes: 0 ok, 1 operation failed, 2 usage or configuration error, unknown id or missing input file.",
                "Configuration: defaults < <home>/config.yaml < PHASIC_TRACES_* environment < flags; see 'config show'."})
public final class PhasicTracesCommand implements Runnable {
    /** The top-level commands, in the order the help lists them: a new command is one more line here. */
    static final List<Class<?>> COMMANDS = List.of(
            ListCommand.class,
            ShowCommand.class,
            GetCommand.class,
            InstallCommand.class,
            EvalCommand.class,
            VerifyCommand.class,
            GcCommand.class,
            PinCommand.class,
            CidCommand.class,
            CarCommand.class,
            RegistryCommand.class,
            ConfigCommand.class,
            DaemonCommand.class,
            PublishCommand.class,
            CacheCommand.class,
            StoreCommand.class,
            ServeCommand.class,
            MirrorCommand.class,
            HealthCommand.class,
            CompletionCommand.class,
            HelpCommand.class);

    /** Commands that walk the whole command tree, so every command's model is built when they run. */
    private static final Set<String> WALKERS = Set.of("help", "completion");

    private final Map<String, String> environment;
    private final Path userHome;

    @Spec
    private CommandSpec spec;

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "home folder (default ~/.phasic_traces, or PHASIC_TRACES_HOME)")
    private Path home;

    @Option(names = {"-p", "--profile"}, scope = ScopeType.INHERIT, paramLabel = "NAMES",
            description = "profiles, comma-separated: gateway (default), daemon, offline, s3, gcs, or a plugin's name")
    private String profile;

    @Option(names = "--offline", scope = ScopeType.INHERIT, description = "no network: local store and bundled library only")
    private boolean offline;

    @Option(names = "--set", scope = ScopeType.INHERIT, paramLabel = "KEY=VALUE",
            description = "set any configuration key, e.g. --set registry.branch=main")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "print results only")
    private boolean quiet;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print stack traces on errors")
    private boolean debug;

    private CliContext context;

    /**
     * @param environment the process environment
     * @param userHome    the user's home folder
     */
    public PhasicTracesCommand(Map<String, String> environment, Path userHome) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.userHome = Objects.requireNonNull(userHome, "userHome");
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    boolean debug() {
        return debug;
    }

    /** The context sub-commands use; built on first call from the parsed global options. */
    public CliContext context() {
        if (context == null) {
            context = CliContext.of(new CliContext.GlobalOptions(home, profile, offline, settings, quiet), environment, userHome,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return context;
    }

    /** The command line with every command's whole model. */
    public CommandLine commandLine() {
        return commandLine(name -> true);
    }

    /**
     * The command line for {@code args}: each command named anywhere in {@code args} gets its whole model, the others
     * only their name and summary (from their {@code @Command}), which is all the tool's usage shows of them; building
     * every command's options, converters and nested commands costs more than a short command itself. An argument
     * file ({@code @FILE}, which picocli expands) may name any command, so with one every command is built.
     */
    public CommandLine commandLine(String... args) {
        Set<String> named = new HashSet<>(Arrays.asList(args));
        boolean walks = named.stream().anyMatch(arg -> WALKERS.contains(arg) || arg.startsWith("@"));
        return commandLine(name -> walks || named.contains(name));
    }

    private CommandLine commandLine(Predicate<String> whole) {
        CommandLine.IFactory factory = factory();
        CommandLine commandLine = new CommandLine(this, factory);
        for (Class<?> type : COMMANDS) {
            Command command = type.getAnnotation(Command.class);
            boolean wanted = whole.test(command.name()) || Stream.of(command.aliases()).anyMatch(whole);
            commandLine.addSubcommand(command.name(), wanted ? new CommandLine(type, factory) : summaryOf(command));
        }
        return commandLine;
    }

    /** A command's name, aliases and summary only: what the tool's usage lists. */
    private static CommandSpec summaryOf(Command command) {
        CommandSpec summary = CommandSpec.create().name(command.name()).aliases(command.aliases());
        summary.usageMessage().header(command.header()).description(command.description()).hidden(command.hidden());
        return summary;
    }

    /** Creates sub-commands; {@link EvalCommand} evaluates through this command's use cases. */
    public CommandLine.IFactory factory() {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == EvalCommand.class) {
                    return type.cast(new EvalCommand(() -> context().useCases().evaluateTrace()));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
    }

    /** The hint for an unknown id: the known ids closest to it, else the use case's own hint. */
    String knownIdHint(UnknownTraceException unknown) {
        return context == null ? Main.hintOf(unknown) : KnownIds.hint(context, unknown);
    }

    /** Closes what the sub-command opened. */
    void close() {
        if (context != null) {
            context.close();
        }
    }

    /** The context of the command line that {@code spec} belongs to. */
    public static CliContext contextOf(CommandSpec spec) {
        return ((PhasicTracesCommand) spec.root().userObject()).context();
    }
}
