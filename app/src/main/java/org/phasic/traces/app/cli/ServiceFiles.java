package org.phasic.traces.app.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Service definitions that run one command line as the current user at log-on: a systemd user unit, a launchd agent
 * (property list) or a Windows Task Scheduler task (XML for {@code schtasks /create /xml}). They are only printed; the
 * user installs them (each output starts with how).
 */
final class ServiceFiles {
    /** The option that prints one: {@code --print-service systemd|launchd|windows}. */
    static final String OPTION_DESCRIPTION = "print a service definition that runs this at log-on (systemd, launchd or"
            + " windows) and exit; nothing is installed";
    /** The environment variable the launcher sets to its own absolute path. */
    static final String LAUNCHER = "PHASIC_TRACES_LAUNCHER";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+){0,7}");

    private ServiceFiles() {
    }

    /** The formats. */
    enum Format {
        SYSTEMD, LAUNCHD, WINDOWS;

        /**
         * The format named {@code text} (any case).
         *
         * @throws CliArguments.UsageError for another name
         */
        static Format parse(String text) {
            for (Format format : values()) {
                if (format.name().equalsIgnoreCase(text.strip())) {
                    return format;
                }
            }
            throw new CliArguments.UsageError("unknown service format '" + text + "'",
                    "use --print-service systemd (Linux), launchd (macOS) or windows");
        }
    }

    /**
     * What a service runs.
     *
     * @param name        a short name, lower case with dashes (the unit's and task's name, the agent's label suffix)
     * @param description one line
     * @param command     the program (absolute path) and its arguments
     * @param environment variables to set for it
     * @param logs        the folder launchd writes the output to, {@code ~/Library/Logs} (systemd keeps it in the
     *                    journal; Task Scheduler drops it)
     * @param user        the account whose log-on starts the Windows task (on Windows: domain, backslash, name)
     */
    record Service(String name, String description, List<String> command, Map<String, String> environment, Path logs,
                   String user) {
        Service {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a service name: " + name);
            }
            Objects.requireNonNull(description, "description");
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("a service needs a command");
            }
            environment = Map.copyOf(new LinkedHashMap<>(environment));
            Objects.requireNonNull(logs, "logs");
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * A service running {@code command} with {@code environment} for the current user (launchd's logs in
     * {@code ~/Library/Logs}).
     */
    static Service of(CliContext context, String name, String description, List<String> command, Map<String, String> environment) {
        return new Service(name, description, command, environment, context.userHome().resolve("Library").resolve("Logs"),
                currentUser(context.environment()));
    }

    /** On Windows the {@code USERDOMAIN} and {@code USERNAME} variables (as domain, backslash, name), else the JVM's user name. */
    static String currentUser(Map<String, String> environment) {
        String name = environment.get("USERNAME");
        if (name == null || name.isBlank()) {
            return System.getProperty("user.name", "");
        }
        String domain = environment.get("USERDOMAIN");
        return domain == null || domain.isBlank() ? name : domain + "\\" + name;
    }

    /**
     * Prints the service for {@code format} (a name given on the command line) on standard output.
     *
     * @return the exit code
     */
    static int print(CliContext context, String format, Service service) {
        context.out().print(render(Format.parse(format), service));
        context.out().flush();
        return ExitCode.OK;
    }

    /**
     * A service running {@code phasic-traces} with {@code arguments}: the launcher's absolute path (or this JVM and
     * jar when the launcher did not say where it is), the current home and profiles, then the arguments.
     */
    static Service phasicTraces(CliContext context, String name, String description, List<String> arguments) {
        List<String> command = new ArrayList<>(launcher(context));
        command.add("--home");
        command.add(context.configuration().home().toAbsolutePath().normalize().toString());
        List<String> profiles = context.configuration().profiles();
        if (!profiles.isEmpty()) {
            command.add("--profile");
            command.add(String.join(",", profiles));
        }
        command.addAll(arguments);
        return of(context, name, description, command, Map.of());
    }

    /** How to start this tool: the launcher, else {@code java -jar} with this JVM and jar. */
    private static List<String> launcher(CliContext context) {
        String launcher = context.environment().get(LAUNCHER);
        if (launcher != null && !launcher.isBlank()) {
            return List.of(Path.of(launcher).toAbsolutePath().normalize().toString());
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        try {
            Path jar = Path.of(ServiceFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return List.of(java.toString(), "-jar", jar.toAbsolutePath().toString());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new CliArguments.UsageError("cannot tell where phasic-traces is installed",
                    "run it through its launcher, ./phasic-traces");
        }
    }

    /** The absolute path of {@code program} on the {@code PATH} of {@code environment} (with {@code .exe} on Windows). */
    static Optional<Path> onPath(Map<String, String> environment, String program) {
        String path = environment.getOrDefault("PATH", environment.getOrDefault("Path", ""));
        for (String folder : path.split(Pattern.quote(File.pathSeparator))) {
            if (folder.isBlank()) {
                continue;
            }
            for (String candidate : List.of(program, program + ".exe")) {
                Path file = Path.of(folder, candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Optional.of(file.toAbsolutePath().normalize());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The service in {@code format}. */
    static String render(Format format, Service service) {
        return switch (format) {
            case SYSTEMD -> systemd(service);
            case LAUNCHD -> launchd(service);
            case WINDOWS -> windows(service);
        };
    }

    private static String systemd(Service service) {
        String unit = service.name() + ".service";
        StringBuilder text = new StringBuilder()
                .append("# A systemd user unit; it starts at log-on. To install it, save it as\n")
                .append("#   ~/.config/systemd/user/").append(unit).append('\n')
                .append("# then run: systemctl --user daemon-reload && systemctl --user enable --now ").append(unit).append('\n')
                .append("# Logs: journalctl --user -u ").append(unit).append('\n')
                .append("[Unit]\n")
                .append("Description=").append(systemdValue(service.description())).append('\n')
                .append('\n')
                .append("[Service]\n")
                .append("Type=simple\n");
        service.environment().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(variable ->
                text.append("Environment=").append(systemdQuoted(variable.getKey() + "=" + variable.getValue(), false)).append('\n'));
        text.append("ExecStart=").append(String.join(" ", service.command().stream()
                        .map(argument -> systemdQuoted(argument, true)).toList())).append('\n')
                .append("Restart=on-failure\n")
                .append("RestartSec=30\n")
                .append('\n')
                .append("[Install]\n")
                .append("WantedBy=default.target\n");
        return text.toString();
    }

    /** A value in a unit file: specifiers ({@code %}) escaped, one line. */
    private static String systemdValue(String value) {
        return oneLine(value).replace("%", "%%");
    }

    /**
     * One word of {@code ExecStart=} or one {@code Environment=} assignment, double-quoted when it needs to be; inside
     * {@code ExecStart=}, {@code $} is escaped too (systemd would expand variables).
     */
    private static String systemdQuoted(String word, boolean exec) {
        String value = systemdValue(word);
        if (exec) {
            value = value.replace("$", "$$");
        }
        boolean plain = !value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c != '"' && c != '\'' && c != '\\'
                && c != ';' && c < 127);
        if (plain) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String launchd(Service service) {
        String label = "org.phasic.traces." + service.name().replaceFirst("^phasic-traces-", "");
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
                .append("<!-- A launchd agent; it starts at log-on. Install it: save this as\n")
                .append("     ~/Library/LaunchAgents/").append(label).append(".plist, then run\n")
                .append("     launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/").append(label).append(".plist -->\n")
                .append("<plist version=\"1.0\">\n")
                .append("<dict>\n")
                .append("  <key>Label</key>\n")
                .append("  <string>").append(xmlText(label)).append("</string>\n")
                .append("  <key>ProgramArguments</key>\n")
                .append("  <array>\n");
        service.command().forEach(argument -> xml.append("    <string>").append(xmlText(argument)).append("</string>\n"));
        xml.append("  </array>\n");
        if (!service.environment().isEmpty()) {
            xml.append("  <key>EnvironmentVariables</key>\n").append("  <dict>\n");
            service.environment().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(variable -> xml
                    .append("    <key>").append(xmlText(variable.getKey())).append("</key>\n")
                    .append("    <string>").append(xmlText(variable.getValue())).append("</string>\n"));
            xml.append("  </dict>\n");
        }
        String log = service.logs().resolve(service.name() + ".log").toString();
        return xml.append("  <key>RunAtLoad</key>\n").append("  <true/>\n")
                .append("  <key>KeepAlive</key>\n")
                .append("  <dict>\n").append("    <key>SuccessfulExit</key>\n").append("    <false/>\n").append("  </dict>\n")
                .append("  <key>ProcessType</key>\n").append("  <string>Background</string>\n")
                .append("  <key>StandardOutPath</key>\n").append("  <string>").append(xmlText(log)).append("</string>\n")
                .append("  <key>StandardErrorPath</key>\n").append("  <string>").append(xmlText(log)).append("</string>\n")
                .append("</dict>\n")
                .append("</plist>\n")
                .toString();
    }

    private static String windows(Service service) {
        List<String> command = service.command();
        String program = command.get(0);
        String arguments = String.join(" ", command.subList(1, command.size()).stream().map(ServiceFiles::windowsQuoted).toList());
        if (!service.environment().isEmpty()) {
            program = "cmd.exe";
            arguments = "/d /s /c \"" + cmdLine(service) + "\"";
        }
        String user = service.user().isBlank() ? "" : "      <UserId>" + xmlText(service.user()) + "</UserId>\n";
        return new StringBuilder()
                .append("<?xml version=\"1.0\"?>\n")
                .append("<!-- A Task Scheduler task; it starts at log-on of the current user. Install it: save this as\n")
                .append("     ").append(service.name()).append(".xml, then run\n")
                .append("     schtasks /create /tn ").append(service.name()).append(" /xml ").append(service.name()).append(".xml -->\n")
                .append("<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n")
                .append("  <RegistrationInfo>\n")
                .append("    <Description>").append(xmlText(oneLine(service.description()))).append("</Description>\n")
                .append("  </RegistrationInfo>\n")
                .append("  <Triggers>\n")
                .append("    <LogonTrigger>\n")
                .append("      <Enabled>true</Enabled>\n")
                .append(user)
                .append("    </LogonTrigger>\n")
                .append("  </Triggers>\n")
                .append("  <Principals>\n")
                .append("    <Principal id=\"Author\">\n")
                .append(user)
                .append("      <LogonType>InteractiveToken</LogonType>\n")
                .append("      <RunLevel>LeastPrivilege</RunLevel>\n")
                .append("    </Principal>\n")
                .append("  </Principals>\n")
                .append("  <Settings>\n")
                .append("    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\n")
                .append("    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n")
                .append("    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\n")
                .append("    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>\n")
                .append("    <RestartOnFailure>\n")
                .append("      <Interval>PT1M</Interval>\n")
                .append("      <Count>999</Count>\n")
                .append("    </RestartOnFailure>\n")
                .append("    <Enabled>true</Enabled>\n")
                .append("  </Settings>\n")
                .append("  <Actions Context=\"Author\">\n")
                .append("    <Exec>\n")
                .append("      <Command>").append(xmlText(program)).append("</Command>\n")
                .append("      <Arguments>").append(xmlText(arguments)).append("</Arguments>\n")
                .append("    </Exec>\n")
                .append("  </Actions>\n")
                .append("</Task>\n")
                .toString();
    }

    /**
     * Task Scheduler sets no variables, so {@code cmd.exe} does: {@code set "NAME=value" && program arguments} (run with
     * {@code /s /c "..."}, which takes the line between the outer quotes as it is).
     */
    private static String cmdLine(Service service) {
        StringBuilder line = new StringBuilder();
        service.environment().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(variable -> {
            String assignment = variable.getKey() + "=" + variable.getValue();
            if (assignment.contains("\"") || assignment.contains("%")) {
                throw new CliArguments.UsageError("cannot pass " + variable.getKey() + " through cmd.exe: its value holds \" or %",
                        "choose a path without those characters");
            }
            line.append("set \"").append(assignment).append("\" && ");
        });
        return line.append(String.join(" ", service.command().stream().map(ServiceFiles::windowsQuoted).toList())).toString();
    }

    /** One argument as the Windows C runtime splits command lines (backslashes doubled before quotes). */
    static String windowsQuoted(String argument) {
        if (!argument.isEmpty() && argument.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : argument.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                quoted.append("\\".repeat(backslashes * 2 + 1)).append('"');
            } else {
                quoted.append("\\".repeat(backslashes)).append(c);
            }
            backslashes = 0;
        }
        return quoted.append("\\".repeat(backslashes * 2)).append('"').toString();
    }

    private static String xmlText(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    if (c < ' ' && c != '\t') {
                        throw new CliArguments.UsageError("a service argument holds a control character", "");
                    }
                    escaped.append(c);
                }
            }
        }
        return escaped.toString();
    }

    private static String oneLine(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new CliArguments.UsageError("a service argument holds a line break", "");
        }
        return text;
    }
}
