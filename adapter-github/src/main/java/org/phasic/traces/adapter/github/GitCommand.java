package org.phasic.traces.adapter.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Runs the git executable with a time limit; a failure is an IOException carrying git's own message. */
final class GitCommand {
    private static final long TIMEOUT_SECONDS = 60;

    private final String executable;
    private final Map<String, String> environment;

    /**
     * @param executable  the git program (name on the PATH or a path)
     * @param environment variables added to the inherited environment
     */
    GitCommand(String executable, Map<String, String> environment) {
        this.executable = Objects.requireNonNull(executable, "executable");
        this.environment = Map.copyOf(environment);
    }

    /** Whether git can be started. */
    boolean available() {
        try {
            return start(null, "--version").waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether user.name and user.email are configured for {@code dir}. */
    boolean hasIdentity(Path dir) {
        try {
            run(dir, "config", "user.name");
            run(dir, "config", "user.email");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code git args...} in {@code dir}; returns its output. */
    String run(Path dir, String... args) throws IOException {
        Process process = start(dir, args);
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("git " + args[args.length - 1] + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0) {
            String firstLine = output.lines().findFirst().orElse("exit code " + process.exitValue());
            throw new IOException("'git " + String.join(" ", args) + "' failed: " + firstLine);
        }
        return output;
    }

    private Process start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().putAll(environment);
        return builder.start();
    }
}
