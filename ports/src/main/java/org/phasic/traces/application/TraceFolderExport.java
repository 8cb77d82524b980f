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
import java.util.TreeSet;
import java.util.stream.Stream;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentException;
import org.phasic.traces.domain.car.CarStreamBlockSource;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.ReassemblySummary;
import org.phasic.traces.domain.unixfs.SafePaths;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.Provenance;
import org.phasic.traces.ports.in.TraceFolder;
import org.phasic.traces.ports.in.TraceUnavailableException;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;

/**
 * Writes a trace's whole directory into a folder: the directory DAG is reassembled from the local store when the stored
 * files prove the whole directory (as {@code serve} proves it), else from the first source that delivers it, verified
 * block by block against the directory CID, into a staging folder inside the target (entry names checked by the
 * {@link Reassembler}); only then is each file renamed into place.
 */
final class TraceFolderExport {
    private static final String STAGING_PREFIX = ".phasic-traces-";

    private final FetchService fetch;

    TraceFolderExport(FetchService fetch) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
    }

    /**
     * The directory of {@code trace} (already verified against the registry) written into {@code folder}: from the
     * store when its files re-derive to the directory CID, without any source; otherwise from the sources.
     */
    TraceFolder export(FetchedTrace trace, Path folder, boolean overwrite) throws IOException {
        Path target = prepare(folder);
        Cid root = Cid.parse(trace.stored().rootCid());
        List<String> failures = new ArrayList<>();
        Path staging = Files.createTempDirectory(target, STAGING_PREFIX);
        try {
            Optional<VerifiedBlockIndex> stored = storedDirectory(trace, root, failures);
            if (stored.isPresent()) {
                Optional<ReassemblySummary> written = reassemble("local store", () -> Optional.of(BlockFeed.Lookup.of(stored.get())),
                        root, staging, failures);
                if (written.isPresent()) {
                    return placed(trace, trace.servedBy(), root, staging, target, overwrite, written.get());
                }
            }
            for (ContentSource source : fetch.sources()) {
                Optional<ReassemblySummary> written = reassemble(source.name(), () -> source.open(root, ""), root, staging, failures);
                if (written.isPresent()) {
                    return placed(trace, FetchService.provenance(source), root, staging, target, overwrite, written.get());
                }
            }
        } finally {
            deleteTree(staging);
        }
        throw new TraceUnavailableException("could not fetch the whole folder of " + trace.entry().id(), failures,
                Hint.of(fetch.sources().stream().anyMatch(ContentSource::usesNetwork) ? Hint.Kind.CHECK_NETWORK_OR_OTHER_SOURCE
                        : Hint.Kind.GO_ONLINE));
    }

    /**
     * The blocks of the whole directory re-derived from the stored files ({@link VerifiedBlockIndex#derive}), or empty
     * (with the reason among {@code failures}) when the store keeps only part of it.
     */
    private static Optional<VerifiedBlockIndex> storedDirectory(FetchedTrace trace, Cid root, List<String> failures) {
        Optional<VerifiedBlockIndex.Derived> derived;
        try {
            derived = VerifiedBlockIndex.derive(trace.stored(), root);
        } catch (IOException | UncheckedIOException | ContentException e) {
            derived = Optional.empty();
        }
        if (derived.isEmpty()) {
            failures.add("local store: its files (" + String.join(", ", new TreeSet<>(trace.stored().files().keySet()))
                    + ") are not the whole folder");
        }
        return derived.map(blocks -> VerifiedBlockIndex.of(List.of(blocks)));
    }

    private static TraceFolder placed(FetchedTrace trace, Provenance servedBy, Cid root, Path staging, Path target,
                                      boolean overwrite, ReassemblySummary written) throws IOException {
        List<Path> files = place(staging, target, overwrite);
        return new TraceFolder(trace.entry(), servedBy, root.toString(), target, files, written.bytes());
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

    /** Opens a source's block feed for the whole directory: empty when it does not have it. */
    @FunctionalInterface
    private interface Opener {
        Optional<BlockFeed> open() throws IOException;
    }

    /** The whole directory from {@code source} into {@code staging}, or empty when the source fails or lacks it. */
    private static Optional<ReassemblySummary> reassemble(String source, Opener opener, Cid root, Path staging,
                                                          List<String> failures) throws IOException {
        try {
            Optional<BlockFeed> feed = opener.open();
            if (feed.isEmpty()) {
                failures.add(source + ": does not have " + root);
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
            failures.add(source + ": served bad content (" + e.getMessage() + ")");
        } catch (IOException | UncheckedIOException e) {
            failures.add(source + ": " + e.getMessage());
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
