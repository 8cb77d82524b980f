package org.phasic.traces.application;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.phasic.traces.domain.io.DeterministicGzip;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.ports.out.TraceCodec;

/**
 * Lays out a trace directory: {@code trace.json.gz}, {@code metadata.json}, {@code checksum.sha256}
 * (in {@code sha256sum} format) and optional extra files such as construction or example code. The trace is read
 * (and so checked) before anything is packaged; the output depends only on the input bytes.
 */
public final class TracePackager {
    /** The checksum file every trace directory carries beside the trace, in {@code sha256sum} format. */
    public static final String CHECKSUM_FILE = "checksum.sha256";
    /** Names an extra file may not take. */
    public static final Set<String> RESERVED_NAMES = Set.of(TraceEntry.TRACE_FILE, TraceEntry.METADATA_FILE, CHECKSUM_FILE);
    private static final int MAX_NAME_LENGTH = 255;

    private final TraceCodec codec;

    public TracePackager(TraceCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * The {@code trace.json.gz} bytes of a trace file as given: plain JSON is compressed deterministically (mtime 0,
     * no file name), gzip is kept byte for byte.
     */
    public static byte[] gzipAsGiven(byte[] traceFile) {
        return DeterministicGzip.isGzip(traceFile) ? traceFile.clone() : DeterministicGzip.compress(traceFile);
    }

    /**
     * Packages a trace directory.
     *
     * @param traceGzip    the {@code trace.json.gz} bytes; read with the trace codec, so an invalid trace is refused
     * @param metadataJson the {@code metadata.json} bytes
     * @param extraFiles   further files by name (plain names, not one of {@link #RESERVED_NAMES})
     * @throws org.phasic.traces.domain.trace.InvalidTraceException when the trace breaks the format
     * @throws IllegalArgumentException when an extra file's name is not a plain file name or is reserved
     */
    public TracePackage pack(byte[] traceGzip, byte[] metadataJson, Map<String, byte[]> extraFiles) throws IOException {
        Objects.requireNonNull(traceGzip, "traceGzip");
        Objects.requireNonNull(metadataJson, "metadataJson");
        EliminationTrace trace = codec.read(new ByteArrayInputStream(traceGzip));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(TraceEntry.TRACE_FILE, traceGzip.clone());
        files.put(TraceEntry.METADATA_FILE, metadataJson.clone());
        String sha256 = Sha256.hex(traceGzip);
        files.put(CHECKSUM_FILE, checksumFile(sha256));
        extraFiles.forEach((name, bytes) -> {
            checkExtraName(name);
            files.put(name, bytes.clone());
        });
        return new TracePackage(trace, files, "sha256:" + sha256);
    }

    /** Checks that {@code name} can be an extra file of a trace directory; throws naming the problem. */
    /** The bytes of {@link #CHECKSUM_FILE} for a {@code trace.json.gz} whose SHA-256 is {@code sha256} (hex). */
    static byte[] checksumFile(String sha256) {
        return (sha256 + "  " + TraceEntry.TRACE_FILE + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public static void checkExtraName(String name) {
        Objects.requireNonNull(name, "name");
        if (RESERVED_NAMES.contains(name)) {
            throw new IllegalArgumentException("the file name '" + name + "' is reserved for the package itself; rename the file");
        }
        boolean plain = !name.isEmpty() && !name.startsWith(".") && name.length() <= MAX_NAME_LENGTH
                && name.chars().noneMatch(c -> c == '/' || c == '\\' || c == ':' || c < 0x20 || c == 0x7f);
        if (!plain) {
            throw new IllegalArgumentException("'" + UntrustedText.printable(name) + "' cannot be a file name in a trace "
                    + "directory: use a plain name without '/', '\\', ':', control characters or a leading '.'");
        }
    }
}
