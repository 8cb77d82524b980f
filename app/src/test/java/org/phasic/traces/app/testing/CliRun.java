package org.phasic.traces.app.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.phasic.traces.app.cli.Main;

/**
 * One in-process run of the {@code phasic-traces} command, the one test fixture for it: exit code, standard output and
 * standard error.
 *
 * @param code the exit code
 * @param out  what was printed on standard output
 * @param err  what was printed on standard error
 */
public record CliRun(int code, String out, String err) {

    /** Runs {@code phasic-traces args...} in this JVM with {@code environment} and {@code userHome}. */
    public static CliRun run(Map<String, String> environment, Path userHome, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), environment,
                userHome);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code phasic-traces args...} in this JVM with {@code environment} and {@code userHome}. */
    public static CliRun run(Map<String, String> environment, Path userHome, String... args) {
        return run(environment, userHome, List.of(args));
    }

    /** The first line of standard output (e.g. the path {@code get} prints). */
    public Path firstLine() {
        return Path.of(out.lines().findFirst().orElseThrow(() -> new AssertionError("no output; stderr: " + err)));
    }
}
