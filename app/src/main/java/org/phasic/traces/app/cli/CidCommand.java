package org.phasic.traces.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.phasic.traces.domain.cid.ContentException;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code cid PATH}: the root CID {@code ipfs add -Q --only-hash [-r]} would print for a file or directory,
 * computed locally (nothing is stored). Exit 0 ok, 1 the import failed, 2 usage error.
 */
@Command(name = "cid",
        header = "Print the CID of a file or directory, as `ipfs add -Q --only-hash` would (nothing is stored).",
        description = {"The same bytes give different CIDs under different import settings: pick them with --preset and the"
                + " options below (Kubo defaults unless told otherwise)."})
public final class CidCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "File or directory (directories are added recursively).")
    private Path path;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "kubo",
            description = "kubo (CIDv0, 256 KiB chunks, dag-pb leaves, 174 links), kubo-v1 (CIDv1, raw leaves) or"
                + " ipfs-car (CIDv1, raw leaves, 1 MiB chunks, 1024 links). Default: ${DEFAULT-VALUE}.")
    private String preset;

    @Option(names = "--cid-version", paramLabel = "0|1",
            description = "CID version; 1 implies --raw-leaves unless --raw-leaves=false is given (as in Kubo).")
    private Integer cidVersion;

    @Option(names = "--raw-leaves", arity = "0..1", paramLabel = "true|false", fallbackValue = "true",
            description = "Store file chunks as raw blocks instead of UnixFS leaves.")
    private Boolean rawLeaves;

    @Option(names = "--chunker", paramLabel = "size-N", converter = ChunkerConverter.class,
            description = "Fixed-size chunker, e.g. size-262144 (at most size-1048576).")
    private Integer chunkSize;

    @Option(names = "--max-links", paramLabel = "N", description = "Links per node in the balanced layout.")
    private Integer maxLinks;

    @Option(names = {"-H", "--hidden"}, description = "Include files and folders whose names start with '.'.")
    private boolean hidden;

    @Mixin
    private JsonOutput json = new JsonOutput();

    @Override
    public Integer call() {
        ImportProfile profile = profile();
        CliArguments.inputFile(spec, path, true);
        try {
            ImportResult result = new UnixFsImporter(profile).importPath(path, hidden);
            if (json.enabled()) {
                spec.commandLine().getOut().println(EntryJson.write(EntryJson.MAPPER.createObjectNode()
                        .put("path", path.toString()).put("cid", result.root().toString())
                        .put("cid_version", profile.cidVersion()).put("raw_leaves", profile.rawLeaves())
                        .put("chunk_size", profile.chunkSize()).put("max_links", profile.maxLinks())));
            } else {
                spec.commandLine().getOut().println(result.root());
            }
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException e) {
            return fail(IoMessages.describe(e));
        } catch (ContentException e) {
            return fail(e.getMessage());
        }
    }

    private ImportProfile profile() {
        try {
            ImportProfile profile = ImportProfile.preset(preset);
            if (cidVersion != null) {
                profile = profile.withCidVersion(cidVersion).withRawLeaves(cidVersion == 1);
            }
            if (rawLeaves != null) {
                profile = profile.withRawLeaves(rawLeaves);
            }
            if (chunkSize != null) {
                profile = profile.withChunkSize(chunkSize);
            }
            if (maxLinks != null) {
                profile = profile.withMaxLinks(maxLinks);
            }
            return profile;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int fail(String message) {
        Main.report(spec.commandLine().getErr(), message, "");
        return ExitCode.FAILED;
    }

    /** {@code size-N} to N. */
    static final class ChunkerConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (!value.matches("size-[0-9]{1,9}")) {
                throw new TypeConversionException("'" + value + "' is not a fixed-size chunker; expected size-N,"
                        + " e.g. size-262144");
            }
            return Integer.parseInt(value.substring("size-".length()));
        }
    }
}
