package org.phasic.traces.domain.unixfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.car.CarFile;
import org.phasic.traces.domain.vectors.FileNames;
import org.phasic.traces.domain.vectors.Vectors;

/**
 * In a JVM started without a locale (POSIX, as in many containers and login shells) the file-name encoding is
 * ASCII: writing or reading a non-ASCII entry name fails with one clear line that says how to fix it. Runs a child
 * JVM with {@code LC_ALL=POSIX}.
 */
class PosixLocaleTest {

    private static final String HINT = "run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8";

    @Test
    void unpackingANonAsciiNameSaysHowToFixTheLocale(@TempDir Path tmp) throws Exception {
        Path car = Files.write(tmp.resolve("small-tree.car"), Vectors.resource("small-tree.ipfs-car.car"));
        Path out = tmp.resolve("out");
        assertThat(runPosix("unpack", car.toString(), out.toString()))
                .startsWith("UnsafePathException: the file name '\\u00e9t\\u00e9.txt' cannot be used here:"
                        + " this Java's file-name encoding (")
                .endsWith(HINT);
    }

    @Test
    void importingAFolderWithANonAsciiNameSaysHowToFixTheLocale(@TempDir Path tmp) throws Exception {
        FileNames.assumeCreatable(List.of("été.txt"));
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.writeString(dir.resolve("été.txt"), "accented");
        assertThat(runPosix("import", dir.toString()))
                .startsWith("UnsupportedContentException: cannot import ")
                .contains("the file name '\\ufffd\\ufffdt\\ufffd\\ufffd.txt' cannot be used here")
                .endsWith(HINT);
    }

    /** Runs {@link Probe} in a child JVM whose locale is POSIX; returns what it printed. */
    private static String runPosix(String... arguments) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName());
        builder.command().addAll(List.of(arguments));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_"));
        env.put("LC_ALL", "POSIX");
        Process child = builder.redirectErrorStream(true).start();
        String output;
        try (InputStream in = child.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeFalse(output.startsWith("UTF-8"),
                "file names are UTF-8 on this system whatever the locale; nothing to check");
        assertThat(child.exitValue()).as(output).isEqualTo(3);
        return output;
    }

    /** The child: unpacks a CAR or imports a folder, printing the exception's class and message. */
    static final class Probe {
        public static void main(String[] args) throws IOException {
            if ("UTF-8".equals(System.getProperty("sun.jnu.encoding"))) {
                System.out.println("UTF-8");
                System.exit(0);
            }
            try {
                if (args[0].equals("unpack")) {
                    try (CarFile car = CarFile.open(Path.of(args[1]))) {
                        new Reassembler().writeTree(car.header().roots().get(0), car, Path.of(args[2]));
                    }
                } else {
                    new UnixFsImporter(ImportProfile.KUBO).importPath(Path.of(args[1]));
                }
                System.out.println("no error");
                System.exit(0);
            } catch (RuntimeException | IOException e) {
                System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
                System.exit(3);
            }
        }
    }
}
