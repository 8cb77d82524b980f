package org.phasic.traces.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.InvalidCidException;

/**
 * {@code car verify FILE.car} and {@code car unpack FILE.car DIR} in their plain forms, answered without building
 * picocli's command model (which takes longer than verifying a small CAR): the same code, printing and error reporting
 * as {@link CarCommand}. It takes an existing regular {@code FILE.car}, {@code --json}, for {@code unpack} a valid
 * {@code --root CID}, and the global {@code --quiet}/{@code -q}, {@code --offline} and {@code --debug}; any other
 * command line (a missing file, a bad CID, another option, {@code --}, an argument file) is left to picocli, which
 * reports its usage errors.
 */
final class DirectCar {
    private static final String COMMAND = "car";
    private static final String VERIFY = "verify";
    private static final String UNPACK = "unpack";

    private DirectCar() {
    }

    /**
     * Runs {@code args} if they are a plain {@code car verify} or {@code car unpack}.
     *
     * @return the exit code, or empty when {@code args} are not for this path
     */
    static Optional<Integer> run(String[] args, PrintWriter out, PrintWriter err) {
        Optional<Plain> plain = Plain.parse(args);
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        Plain car = plain.get();
        try {
            return Optional.of(car.dir() == null ? CarCommand.verify(car.car(), car.json(), out, err)
                    : CarCommand.unpack(car.car(), car.dir(), car.root(), car.json(), out, err));
        } catch (IOException | RuntimeException e) {
            return Optional.of(Main.failed(e, car.debug(), err, Main::hintOf,
                    Main.helpHint("phasic-traces " + COMMAND + " " + (car.dir() == null ? VERIFY : UNPACK))));
        }
    }

    /** A plain {@code car verify FILE.car} ({@code dir} null) or {@code car unpack FILE.car DIR}. */
    record Plain(Path car, Path dir, Cid root, boolean json, boolean debug) {

        /** The plain {@code car verify} or {@code car unpack} that {@code args} spell, or empty for any other. */
        static Optional<Plain> parse(String[] args) {
            List<String> words = new ArrayList<>();
            Set<String> flags = new HashSet<>();
            String root = null;
            for (int index = 0; index < args.length; index++) {
                String arg = args[index];
                boolean inSubcommand = words.size() >= 2;
                switch (arg) {
                    case "-q", "--quiet", "--offline", "--debug" -> {
                        if (!PlainArguments.addGlobalFlag(flags, arg)) {
                            return Optional.empty();
                        }
                    }
                    case "--json" -> {
                        if (!inSubcommand || !flags.add(arg)) {
                            return Optional.empty();
                        }
                    }
                    case "--root" -> {
                        if (!inSubcommand || root != null || index + 1 == args.length) {
                            return Optional.empty();
                        }
                        root = args[++index];
                    }
                    default -> {
                        if (arg.startsWith("--root=") && inSubcommand && root == null) {
                            root = arg.substring("--root=".length());
                        } else if (!PlainArguments.isWord(arg)) {
                            return Optional.empty();
                        } else {
                            words.add(arg);
                        }
                    }
                }
            }
            return plain(words, root, flags);
        }

        private static Optional<Plain> plain(List<String> words, String root, Set<String> flags) {
            boolean verify = words.size() == 3 && words.get(1).equals(VERIFY) && root == null;
            boolean unpack = words.size() == 4 && words.get(1).equals(UNPACK);
            if (!verify && !unpack || !words.get(0).equals(COMMAND)) {
                return Optional.empty();
            }
            try {
                Path car = Path.of(words.get(2));
                if (!Files.isRegularFile(car) || root != null && root.startsWith("-")) {
                    return Optional.empty();
                }
                return Optional.of(new Plain(car, unpack ? Path.of(words.get(3)) : null, root == null ? null : Cid.parse(root),
                        flags.contains("--json"), flags.contains("--debug")));
            } catch (InvalidPathException | InvalidCidException e) {
                return Optional.empty();
            }
        }
    }
}
