package org.phasic.traces.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentException;
import org.phasic.traces.domain.car.CarStreamBlockSource;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.ReassemblySummary;
import org.phasic.traces.domain.unixfs.SafePaths;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.TraceFolder;
import org.phasic.traces.ports.in.TraceUnavailableException;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;

/**
 * Writes a trace's whole directory into a folder: the directory DAG is reassembled from the first source that
 * delivers it, verified block by block against the directory CID, into a staging folder inside the target (entry
 * names checked by the {@link Reassembler}); only then is each file renamed into place.
 */
final class TraceFolderExport {
    private static final String STAGING_PREFIX = ".phasic-traces-";

    private final FetchService fetch;

    TraceFolderExport(FetchService fetch) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
    }

    /** The directory of {@code trace} (already verified against the registry) written into {@code folder}. */
    TraceFolder export(FetchedTrace trace, Path folder, boolean overwrite) throws IOException {
        Path target = prepare(folder);
        Cid root = Cid.parse(trace.stored().rootCid());
        List<String> failures = new ArrayList<>();
        Path staging = Files.createTempDirectory(target, STAGING_PREFIX);
        try {
            for (ContentSource source : fetch.sources()) {
                Optional<ReassemblySummary> written = reassemble(source, root, staging, failures);
                if (written.isPresent()) {
                    List<Path> files = place(staging, target, overwrite);
                    return new TraceFolder(trace.entry(), FetchService.provenance(source), root.toString(), target, files,
                            written.get().bytes());
                }
            }
        } finally {
            deleteTree(staging);
        }
        failures.add("local store: keeps only " + String.join(" and ", trace.stored().files().keySet()));
        throw new TraceUnavailableException("could not fetch the whole folder of " + trace.entry().id(), failures,
                Hint.of(fetch.sources().stream().anyMatch(ContentSource::usesNetwork) ? Hint.Kind.CHECK_NETWORK_OR_OTHER_SOURCE
                        : Hint.Kind.GO_ONLINE));
    }

    private static Path prepare(Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InvalidInputException(target + " exists and is not a folder", Hint.of(Hint.Kind.CHECK_INPUT, "the folder"));
        }
        try {
            return Files.createDirectories(target).toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException("cannot create the folder " + target + " (" + e + ")",
                    Hint.of(Hint.Kind.CHECK_INPUT, "the folder"));
        }
    }

    /** The whole directory from {@code source} into {@code staging}, or empty when the source fails or lacks it. */
    private static Optional<ReassemblySummary> reassemble(ContentSource source, Cid root, Path staging, List<String> failures)
            throws IOException {
        try {
            Optional<BlockFeed> feed = source.open(root, "");
            if (feed.isEmpty()) {
                failures.add(source.name() + ": does not have " + root);
                return Optional.empty();
            }
            try (BlockFeed blocks = feed.get()) {
                Reassembler reassembler = new Reassembler();
                if (blocks instanceof BlockFeed.Car car) {
                    try (CarStreamBlockSource stream = new CarStreamBlockSource(car.stream())) {
                        return Optional.of(reassembler.writeTree(root, stream, staging));
                    }
                }
                return Optional.of(reassembler.writeTree(root, ((BlockFeed.Lookup) blocks).blocks(), staging));
            }
        } catch (ContentException e) {
            failures.add(source.name() + ": served bad content (" + e.getMessage() + ")");
        } catch (IOException | UncheckedIOException e) {
            failures.add(source.name() + ": " + e.getMessage());
        }
        emptyFolder(staging);
        return Optional.empty();
    }

    /** Renames every staged file into {@code target}, checking first that none would overwrite without leave. */
    private static List<Path> place(Path staging, Path target, boolean overwrite) throws IOException {
        List<Path> staged;
        try (Stream<Path> walk = Files.walk(staging)) {
            staged = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> targets = new ArrayList<>();
        for (Path file : staged) {
            Path destination = SafePaths.resolveRelative(target, staging.relativize(file).toString().replace('\\', '/'));
            if (Files.isDirectory(destination) || (!overwrite && Files.exists(destination, LinkOption.NOFOLLOW_LINKS))) {
                throw new InvalidInputException(destination + " exists already; nothing was written", Hint.of(Hint.Kind.OVERWRITE));
            }
            targets.add(destination);
        }
        for (int i = 0; i < staged.size(); i++) {
            Path destination = targets.get(i);
            Path parent = Files.createDirectories(destination.getParent());
            if (!parent.toRealPath().startsWith(target)) {
                throw new InvalidInputException(parent + " leads outside " + target + "; nothing more was written",
                        Hint.of(Hint.Kind.CHECK_INPUT, "the folder"));
            }
            move(staged.get(i), destination, overwrite);
        }
        return targets;
    }

    /** An atomic rename; without {@code overwrite} a file that appeared meanwhile is kept (hard link, then unlink). */
    private static void move(Path staged, Path destination, boolean overwrite) throws IOException {
        if (overwrite) {
            Files.move(staged, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        boolean linked;
        try {
            Files.createLink(destination, staged);
            linked = true;
        } catch (FileAlreadyExistsException e) {
            throw appeared(destination);
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            linked = false;
        }
        if (linked) {
            Files.delete(staged);
        } else if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw appeared(destination);
        } else {
            Files.move(staged, destination, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static InvalidInputException appeared(Path destination) {
        return new InvalidInputException(destination + " appeared while writing; it was kept", Hint.of(Hint.Kind.OVERWRITE));
    }

    private static void emptyFolder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(folder)) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        emptyFolder(folder);
        Files.deleteIfExists(folder);
    }
}
