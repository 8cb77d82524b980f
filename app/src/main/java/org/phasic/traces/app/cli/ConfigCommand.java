package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.phasic.traces.app.config.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code config}: inspect the effective configuration. */
@Command(name = "config", description = "Inspect the effective configuration.",
        subcommands = {ConfigCommand.Show.class})
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

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() throws Exception {
            CliContext context = PhasicTracesCommand.contextOf(spec);
            Configuration configuration = context.configuration();
            PrintWriter out = context.out();
            if (json) {
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
}
