package org.phasic.traces.app.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.phasic.traces.app.cli.Main;
import org.phasic.traces.app.testing.CliRun;

/** Runs the {@code phasic-traces} command against one home folder: in this JVM, or as a separate JVM process. */
final class Cli {
    private final Path home;
    private final Path userHome;

    /** @param home the {@code --home} folder; the user's home (for config discovery) is a sibling folder */
    Cli(Path home) {
        this.home = home;
        this.userHome = home.resolveSibling(home.getFileName() + "-user");
    }

    Path home() {
        return home;
    }

    Path store() {
        return home.resolve("store");
    }

    /** Runs {@code phasic-traces --home HOME args...} in this JVM with an empty environment. */
    CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@code phasic-traces --home HOME args...} in this JVM with {@code environment}. */
    CliRun run(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        return CliRun.run(environment, userHome, all);
    }

    /** Starts {@code phasic-traces --home HOME args...} as a separate JVM; output goes to files beside the home. */
    Process launch(String tag, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("--home", home.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = java(Main.class.getName(), command);
        builder.redirectOutput(home.resolveSibling(tag + ".out").toFile());
        builder.redirectError(home.resolveSibling(tag + ".err").toFile());
        return builder.start();
    }

    /** What a process launched with {@code tag} wrote to standard output and error. */
    CliRun outputOf(String tag, int code) throws IOException {
        return new CliRun(code, Files.readString(home.resolveSibling(tag + ".out")), Files.readString(home.resolveSibling(tag + ".err")));
    }

    /** A JVM running {@code mainClass} on this test's class path, without PHASIC_TRACES_* variables, user home beside the home. */
    ProcessBuilder java(String mainClass, List<String> args) {
        return java(List.of(), mainClass, args);
    }

    /** {@link #java(String, List)} with {@code options} for the JVM, such as a heap limit. */
    ProcessBuilder java(List<String> options, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Duser.home=" + userHome));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PHASIC_TRACES"));
        return builder;
    }

    /** The names in {@code folder} of the store ({@code objects}, {@code refs}, {@code tmp}, {@code locks}), sorted. */
    List<String> storeEntries(String folder) throws IOException {
        Path path = store().resolve(folder);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }
}
