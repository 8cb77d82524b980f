package org.phasic.traces.domain.vectors;

import java.util.Collection;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.phasic.traces.domain.unixfs.SafePaths;

/**
 * Which file names the JVM running the tests can create. On Linux its file-name encoding comes from the locale:
 * with {@code LANG}/{@code LC_ALL} unset (POSIX) it is ASCII, and {@code été.txt} cannot be created. The build
 * runs the tests in a UTF-8 locale; where that locale is missing, tests that need such names skip that part.
 */
public final class FileNames {

    private FileNames() {
    }

    /** Aborts the calling test (reported as skipped, with the reason) unless every name can be created here. */
    public static void assumeCreatable(Collection<String> names) {
        String problem = names.stream().map(SafePaths::unrepresentableReason).filter(Objects::nonNull).findFirst()
                .orElse(null);
        Assumptions.assumeTrue(problem == null, () -> "needs non-ASCII file names (LC_ALL=" + System.getenv("LC_ALL")
                + ", LANG=" + System.getenv("LANG") + "): " + problem);
    }
}
