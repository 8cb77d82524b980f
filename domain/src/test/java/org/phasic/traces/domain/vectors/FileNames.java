package org.phasic.traces.domain.vectors;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Which file names the JVM running the tests can create. On Linux its file-name encoding comes from the locale:
 * with {@code LANG}/{@code LC_ALL} unset (POSIX) it is ASCII, and {@code été.txt} cannot be created. The build
 * runs the tests in a UTF-8 locale; where that locale is missing, tests that need such names skip that part.
 */
public final class FileNames {

    private FileNames() {
    }

    /** True if a file named {@code name} can be created here. */
    public static boolean creatable(String name) {
        try {
            Path.of(name);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Aborts the calling test (reported as skipped, with the reason) unless every name can be created here. */
    public static void assumeCreatable(Collection<String> names) {
        List<String> missing = names.stream().filter(name -> !creatable(name)).toList();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "needs non-ASCII file names (" + missing.stream()
                .map(FileNames::escaped).collect(Collectors.joining(", ")) + ") that this JVM cannot create: its"
                + " file-name encoding sun.jnu.encoding=" + System.getProperty("sun.jnu.encoding")
                + " comes from the locale (LC_ALL=" + System.getenv("LC_ALL") + ", LANG=" + System.getenv("LANG")
                + "); run the tests with a UTF-8 locale, e.g. LC_ALL=C.UTF-8, to include this part");
    }

    private static String escaped(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(cp -> out.append(cp < 0x7F ? Character.toString(cp) : String.format("\\u%04x", cp)));
        return out.toString();
    }
}
