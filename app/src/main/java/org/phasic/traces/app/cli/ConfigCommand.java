package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.ConfigFile;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.spi.ConfigKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code config}: inspect the effective configuration and edit the home folder's {@code config.yaml}. */
@Command(name = "config", description = "Inspect the effective configuration and set or unset keys in config.yaml.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Set.class, ConfigCommand.Unset.class})
public final class ConfigCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code config show}: every key, its value (secrets masked) and where it came from. */
    @Command(name = "show", description = "Print every setting, its value (secrets masked) and where it came from.")
    public static final class Show implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Override
        public Integer call() throws Exception {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            Configuration configuration = context.configuration();
            PrintWriter out = context.out();
            if (json.enabled()) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ArrayNode entries = mapper.createArrayNode();
                for (Configuration.Entry entry : configuration.entries()) {
                    ObjectNode node = entries.addObject();
                    node.put("key", entry.name());
                    node.put("value", entry.value() == null ? null : entry.shown());
                    node.put("source", entry.origin());
                }
                out.println(mapper.writeValueAsString(entries));
            } else {
                int width = configuration.entries().stream().mapToInt(e -> e.name().length()).max().orElse(3);
                int valueWidth = Math.min(60, configuration.entries().stream().mapToInt(e -> e.shown().length()).max().orElse(5));
                String format = "%-" + width + "s  %-" + Math.max(5, valueWidth) + "s  %s%n";
                out.printf(format, "KEY", "VALUE", "SOURCE");
                for (Configuration.Entry entry : configuration.entries()) {
                    out.printf(format, entry.name(), entry.value() == null ? "-" : entry.shown(), entry.origin());
                }
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** {@code config set KEY VALUE}: write one key to the home folder's {@code config.yaml}. */
    @Command(name = "set", header = "Set a key in the home folder's config.yaml, checked as when the configuration is read.",
            description = {"Write KEY: VALUE into <home>/config.yaml, checked exactly as when the configuration is read (an "
                    + "unknown key, a value the key does not accept or profiles that cannot be combined leave the file "
                    + "untouched, exit 2). Other keys and, in plain block YAML, comments and layout are kept; the file "
                    + "is replaced atomically. Environment variables and --set still win over the file.",
                "Secrets (github.token, publish.pinningToken, the s3/gcs credentials) are better kept in environment "
                    + "variables (e.g. GITHUB_TOKEN): the file holds them in plain text (readable by you only) and the "
                    + "command line leaves them in your shell history."})
    public static final class Set implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "KEY", description = "a key as 'config show' lists it, e.g. install.jobs")
        private String key;

        @Parameters(index = "1", paramLabel = "VALUE", description = "its value, e.g. 4 (lists comma-separated)")
        private String value;

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Override
        public Integer call() throws IOException {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            ConfigFile file = context.configFile();
            ConfigFile.Edit edit = file.set(key, value, context::checkConfiguration);
            ConfigKey declared = edit.key();
            String shown = declared.secret() ? "****" : edit.value().orElse("");
            if (json.enabled()) {
                JsonOutput.print(context, editJson(edit, file).put("value", shown));
            } else {
                context.out().println((edit.changed() ? "set " : "unchanged: ") + declared.name() + " = " + shown + " in " + file.path());
                context.out().flush();
            }
            if (declared.secret()) {
                context.warn(declared.name() + " is a secret, now in " + file.path() + " in plain text (readable by you only);"
                        + " the environment variable " + environmentVariable(declared) + " keeps it out of files and shell history");
            }
            afterEdit(context, edit);
            return ExitCode.OK;
        }
    }

    /** {@code config unset KEY}: remove one key from the home folder's {@code config.yaml}. */
    @Command(name = "unset", header = "Remove a key from the home folder's config.yaml, so its default applies again.",
            description = {"Remove KEY from <home>/config.yaml (atomically, keeping the other keys), so its default, or an environment variable, applies again. A key the file holds is removed even if it is unknown (a misspelt key); any other unknown key is an error (exit 2)."})
    public static final class Unset implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "KEY", description = "a key in config.yaml, e.g. install.jobs")
        private String key;

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Override
        public Integer call() throws IOException {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            ConfigFile file = context.configFile();
            ConfigFile.Edit edit = file.unset(key, context::checkConfiguration);
            if (json.enabled()) {
                JsonOutput.print(context, editJson(edit, file));
            } else {
                context.out().println((edit.changed() ? "unset " : "not set in the file, nothing changed: ") + edit.key().name()
                        + " in " + file.path());
                context.out().flush();
            }
            afterEdit(context, edit);
            return ExitCode.OK;
        }
    }

    private static ObjectNode editJson(ConfigFile.Edit edit, ConfigFile file) {
        return EntryJson.MAPPER.createObjectNode().put("key", edit.key().name()).put("file", file.path().toString())
                .put("changed", edit.changed());
    }

    /** Warnings after an edit: comments lost, or a layer above the file still deciding the key's value. */
    private static void afterEdit(CliContext context, ConfigFile.Edit edit) {
        if (edit.reformatted()) {
            context.warn("config.yaml was rewritten as a whole (it holds more than plain block YAML); its comments are gone");
        }
        String name = edit.key().name();
        try {
            String origin = context.configuration().entry(name).origin();
            if (origin.startsWith("env ") || origin.startsWith("flag ")) {
                context.warn(name + " is decided by " + origin + ", which wins over the file");
            }
        } catch (IllegalArgumentException unknown) {
            // a key no one declares was removed: nothing decides it
        } catch (ConfigException problem) {
            context.warn("the configuration has another problem: " + problem.getMessage() + " (" + problem.hint() + ")");
        }
    }

    private static String environmentVariable(ConfigKey key) {
        return key.extraEnvironment().isEmpty() ? key.environmentVariable() : key.extraEnvironment().get(0);
    }
}
