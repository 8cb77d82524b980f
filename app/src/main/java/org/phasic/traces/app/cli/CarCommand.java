package org.phasic.traces.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.phasic.traces.domain.car.CarFile;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentException;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.InvalidCidException;
import org.phasic.traces.domain.io.TemporaryFolder;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.ReassemblySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code car verify FILE.car} and {@code car unpack FILE.car DIR}. Exit 0 ok, 1 failed, 2 usage error. */
@Command(name = "car", description = "Verify and unpack CAR (v1) files.",
        subcommands = {CarCommand.Verify.class, CarCommand.Unpack.class})
public final class CarCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing sub-command: verify or unpack");
    }

    /** {@code node} with the counts of {@code summary}. */
    private static ObjectNode summaryJson(ObjectNode node, ReassemblySummary summary) {
        return node.put("files", summary.files()).put("directories", summary.directories()).put("bytes", summary.bytes());
    }

    /** Threads that read and hash blocks ahead of the walk: one per core (the walk itself mostly waits or writes). */
    private static int hashThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Prints one line to {@code err} and returns 1. */
    private static int fail(PrintWriter err, Path car, String message) {
        Main.report(err, car + ": " + message, "");
        return ExitCode.FAILED;
    }

    /**
     * {@code car verify}: checks {@code car} (an existing regular file) and prints the result to {@code out}, a
     * failure as one line to {@code err}.
     *
     * @return the exit code: 0 verified, 1 not
     */
    static int verify(Path car, boolean json, PrintWriter out, PrintWriter err) {
        try {
            CarFile file;
            try {
                file = CarFile.open(car);
            } catch (CorruptContentException e) {
                streamAll(car);
                throw e;
            }
            try (file; CarFile.Reads reads = file.reads(hashThreads())) {
                List<CompleteRoot> complete = new ArrayList<>();
                ContentException treeProblem = null;
                try {
                    for (Cid root : file.header().roots()) {
                        complete.add(new CompleteRoot(root, new Reassembler().verifyTree(root, reads)));
                    }
                    reads.accepted();
                } catch (ContentException e) {
                    treeProblem = e;
                }
                int blocks = reads.verifyRest();
                if (json && treeProblem == null) {
                    ObjectNode node = EntryJson.MAPPER.createObjectNode().put("file", car.toString())
                            .put("blocks", blocks).put("bytes", Files.size(car));
                    ArrayNode roots = node.putArray("roots");
                    complete.forEach(r -> summaryJson(roots.addObject().put("root", r.root().toString()), r.summary()));
                    out.println(EntryJson.write(node));
                } else if (!json) {
                    out.println("ok: " + car + ": " + blocks + " blocks verified, " + Files.size(car) + " bytes");
                    complete.forEach(r -> out.println("root " + r.root() + ": complete, " + r.summary().files()
                            + " files, " + r.summary().directories() + " directories, " + r.summary().bytes() + " bytes"));
                }
                out.flush();
                if (treeProblem != null) {
                    throw treeProblem;
                }
            }
            return 0;
        } catch (IOException e) {
            return fail(err, car, IoMessages.describe(e));
        } catch (ContentException e) {
            return fail(err, car, e.getMessage());
        }
    }

    /**
     * {@code car unpack}: writes the tree {@code chosen} (null: the CAR's only root) of {@code car} (an existing
     * regular file) under {@code dir} through a staging folder, and prints the result to {@code out}, a failure as one
     * line to {@code err}.
     *
     * @return the exit code: 0 unpacked, 1 not (nothing left behind)
     * @throws IOException if the staging folder could not be deleted after a failure
     */
    static int unpack(Path car, Path dir, Cid chosen, boolean json, PrintWriter out, PrintWriter err) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path staging = null;
        try (CarFile file = CarFile.open(car); CarFile.Reads reads = file.reads(hashThreads())) {
            Cid unpacked = chosen != null ? chosen : onlyRoot(file.header().roots());
            requireAbsentOrEmpty(target);
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
            ReassemblySummary summary = new Reassembler().writeTree(unpacked, reads, staging);
            Files.deleteIfExists(target);
            Files.move(staging, target);
            staging = null;
            if (json) {
                out.println(EntryJson.write(summaryJson(EntryJson.MAPPER.createObjectNode()
                        .put("root", unpacked.toString()).put("dir", dir.toString()), summary)));
            } else {
                out.println("unpacked " + unpacked + " to " + dir + ": " + summary.files()
                        + " files, " + summary.directories() + " directories, " + summary.bytes() + " bytes");
            }
            out.flush();
            return 0;
        } catch (IOException e) {
            return fail(err, car, IoMessages.describe(e));
        } catch (ContentException | IllegalStateException e) {
            return fail(err, car, e.getMessage());
        } finally {
            TemporaryFolder.deleteTree(staging);
        }
    }

    private record CompleteRoot(Cid root, ReassemblySummary summary) {
    }

    /** Reads and hashes the sections in file order, so that the first problem in the file is the one reported. */
    private static void streamAll(Path car) throws IOException {
        try (InputStream in = Files.newInputStream(car); CarReader reader = new CarReader(in)) {
            while (reader.next() != null) {
                continue;
            }
        }
    }

    private static Cid onlyRoot(List<Cid> roots) {
        if (roots.size() != 1) {
            throw new IllegalStateException("the CAR has " + roots.size() + " roots; choose one with --root");
        }
        return roots.get(0);
    }

    private static void requireAbsentOrEmpty(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException(target + " is not empty; unpack needs a new or empty directory");
                }
            }
        } else if (Files.exists(target)) {
            throw new IllegalStateException(target + " exists and is not a directory");
        }
    }

    @Command(name = "verify",
            header = "Check a CAR file: every block against its CID and the UnixFS DAG under each root.",
            description = {"Check a CAR file: its header, every block against its CID, and that the UnixFS DAG under"
                + " each root is complete and well-formed (entry names, sizes)."})
    static final class Verify implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.car")
        private Path car;

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Override
        public Integer call() {
            CliArguments.inputFile(spec, car, false);
            return verify(car, json.enabled(), spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    @Command(name = "unpack",
            header = "Write the content of a CAR file under DIR, verifying every block and entry name.",
            description = {"Write the content of a CAR file under DIR, verifying every block and entry name.",
                "DIR must not exist or be empty; a directory root's entries become DIR's entries, a file root becomes"
                    + " DIR/<CID>. Nothing is left behind on failure."})
    static final class Unpack implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.car")
        private Path car;

        @Parameters(index = "1", paramLabel = "DIR")
        private Path dir;

        @Option(names = "--root", paramLabel = "CID", description = "The root to unpack (default: the CAR's only root).")
        private String root;

        @Mixin
        private JsonOutput json = new JsonOutput();

        @Override
        public Integer call() throws IOException {
            Cid chosen = chosenRoot();
            CliArguments.inputFile(spec, car, false);
            return unpack(car, dir, chosen, json.enabled(), spec.commandLine().getOut(), spec.commandLine().getErr());
        }

        private Cid chosenRoot() {
            try {
                return root == null ? null : Cid.parse(root);
            } catch (InvalidCidException e) {
                throw new ParameterException(spec.commandLine(), "--root: " + e.getMessage());
            }
        }
    }
}
