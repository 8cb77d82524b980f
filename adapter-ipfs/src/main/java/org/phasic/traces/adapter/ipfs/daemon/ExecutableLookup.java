package org.phasic.traces.adapter.ipfs.daemon;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Finds a command by name, like the shell does with {@code PATH}. */
@FunctionalInterface
public interface ExecutableLookup {

    /** The executable file for {@code name}, if there is one. */
    Optional<Path> find(String name);

    /** Searches the folders of a {@code PATH}-style value (also {@code name.exe} on Windows). */
    static ExecutableLookup onPath(String pathValue) {
        String path = pathValue == null ? "" : pathValue;
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return name -> {
            for (String folder : path.split(File.pathSeparator)) {
                if (folder.isBlank()) {
                    continue;
                }
                for (String candidate : windows ? new String[] {name + ".exe", name} : new String[] {name}) {
                    try {
                        Path file = Path.of(folder, candidate);
                        if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                            return Optional.of(file);
                        }
                    } catch (InvalidPathException ignored) {
                        // a malformed PATH entry cannot hold the command
                    }
                }
            }
            return Optional.empty();
        };
    }

    /** Searches this process's {@code PATH}. */
    static ExecutableLookup fromSystemPath() {
        return onPath(System.getenv("PATH"));
    }
}
