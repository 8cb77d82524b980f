package org.phasic.traces.app.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phasic.traces.domain.registry.RegistryQuery;

/**
 * The commands users run most, {@code get ID}, {@code show ID} and {@code list} in their plain forms, answered without
 * building picocli's command model (which costs more than a store hit itself): the same context, use cases, printing
 * and error reporting as {@link GetCommand}, {@link ShowCommand} and {@link ListCommand}. It takes them with only
 * {@code --quiet}/{@code -q}, {@code --offline}, {@code --debug}, {@code --home DIR} and {@code --set KEY=VALUE}
 * (before or after the command); any other command line is left to picocli.
 */
final class DirectTraceCommand {
    private static final String GET = "get";
    private static final String SHOW = "show";
    private static final String LIST = "list";

    private DirectTraceCommand() {
    }

    /**
     * Runs {@code args} if they are a plain {@code get ID}, {@code show ID} or {@code list}.
     *
     * @return the exit code, or empty when {@code args} are not for this path
     */
    static Optional<Integer> run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment,
                                 Path userHome) {
        Optional<Plain> plain = Plain.parse(args);
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        Plain line = plain.get();
        CliContext context = CliContext.of(new CliContext.GlobalOptions(line.home(), null, line.offline(), line.settings(), line.quiet()),
                environment, userHome, out, err);
        BulkRelaunch.Needed relaunch;
        try {
            return Optional.of(switch (line.command()) {
                case GET -> GetCommand.get(context, CliArguments.traceId(line.id()));
                case SHOW -> ShowCommand.show(context, CliArguments.traceId(line.id()), false);
                default -> ListCommand.list(context, RegistryQuery.all(), false);
            });
        } catch (BulkRelaunch.Needed needed) {
            relaunch = needed;
        } catch (RuntimeException e) {
            return Optional.of(Main.failed(e, line.debug(), err, unknown -> KnownIds.hint(context, unknown),
                    Main.helpHint("phasic-traces " + line.command())));
        } finally {
            context.close();
        }
        return Optional.of(relaunch.relaunch(args, err));
    }

    /** A plain {@code get ID}, {@code show ID} ({@code id} the ID) or {@code list} ({@code id} null) command line. */
    record Plain(String command, String id, Path home, Map<String, String> settings, boolean offline, boolean quiet, boolean debug) {
        Plain {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /** The plain {@code get ID}, {@code show ID} or {@code list} that {@code args} spell, or empty for any other. */
        static Optional<Plain> parse(String[] args) {
            String id = null;
            String home = null;
            String command = null;
            Set<String> flags = new HashSet<>();
            Map<String, String> settings = new LinkedHashMap<>();
            for (int index = 0; index < args.length; index++) {
                String arg = args[index];
                switch (arg) {
                    case "-q", "--quiet", "--offline", "--debug" -> {
                        if (!PlainArguments.addGlobalFlag(flags, arg)) {
                            return Optional.empty();
                        }
                    }
                    case "--home" -> {
                        if (home != null || index + 1 == args.length) {
                            return Optional.empty();
                        }
                        home = args[++index];
                    }
                    case "--set" -> {
                        if (index + 1 == args.length || !setting(args[++index], settings)) {
                            return Optional.empty();
                        }
                    }
                    default -> {
                        if (arg.startsWith("--set=")) {
                            if (!setting(arg.substring("--set=".length()), settings)) {
                                return Optional.empty();
                            }
                        } else if (arg.startsWith("--home=") && home == null) {
                            home = arg.substring("--home=".length());
                        } else if (command == null && (arg.equals(GET) || arg.equals(SHOW) || arg.equals(LIST))) {
                            command = arg;
                        } else if (command != null && !command.equals(LIST) && id == null && PlainArguments.isWord(arg)) {
                            id = arg;
                        } else {
                            return Optional.empty();
                        }
                    }
                }
            }
            if (command == null || (id == null) != command.equals(LIST) || home != null && !PlainArguments.isWord(home)) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Plain(command, id, home == null ? null : Path.of(home), settings, flags.contains("--offline"),
                        flags.contains("--quiet"), flags.contains("--debug")));
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }

        /** Adds a {@code KEY=VALUE} setting; false for any other form or a key given twice (picocli decides those). */
        private static boolean setting(String keyValue, Map<String, String> settings) {
            int equals = keyValue.indexOf('=');
            return equals > 0 && PlainArguments.isWord(keyValue)
                    && settings.putIfAbsent(keyValue.substring(0, equals), keyValue.substring(equals + 1)) == null;
        }
    }
}
