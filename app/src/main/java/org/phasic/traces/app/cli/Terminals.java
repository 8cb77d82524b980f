package org.phasic.traces.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a standard stream is a terminal. On Linux the answer is where {@code /proc/self/fd/N} points; elsewhere the
 * JVM only knows whether it has a console (standard input and output both terminals).
 */
final class Terminals {
    private Terminals() {
    }

    /** Whether standard error is a terminal (where progress is drawn). */
    static boolean stderr() {
        return isTerminal(2);
    }

    /** Whether standard output is a terminal (where a person reads tables). */
    static boolean stdout() {
        return isTerminal(1);
    }

    private static boolean isTerminal(int descriptor) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + descriptor)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
