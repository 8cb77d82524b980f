package org.phasic.traces.ports.out;

import java.io.IOException;
import java.io.InputStream;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.InvalidTraceException;

/**
 * Reads and writes elimination trace files ({@code trace.json} / {@code trace.json.gz}).
 */
public interface TraceCodec {
    /** Default cap on the decompressed size of a trace file: 256 MiB. */
    long DEFAULT_MAX_DECOMPRESSED_BYTES = 256L * 1024 * 1024;

    /**
     * Reads a trace from plain JSON or gzip'd JSON (told apart by the gzip magic bytes). Op types may
     * be upper-case names (format A), lower-case names, or integer codes 0–7. The stream is not closed.
     *
     * @throws InvalidTraceException                                     when the JSON is malformed or
     *                                                                   the trace breaks the format
     *                                                                   (the message names field and index)
     * @throws org.phasic.traces.domain.io.SizeLimitExceededException when the content exceeds the
     *                                                                   codec's decompressed-size limit
     * @throws IOException                                               when reading fails
     */
    EliminationTrace read(InputStream in) throws IOException;

    /**
     * Encodes {@code trace} as format-A JSON (upper-case op names, fields in the published order,
     * absent operation fields as {@code null}), compact, UTF-8. Equal traces give equal bytes.
     */
    byte[] toJson(EliminationTrace trace);

    /**
     * Encodes {@code trace} as {@code trace.json.gz}: {@link #toJson} compressed deterministically
     * (gzip with mtime 0, no file name; see {@code DeterministicGzip}), so the same trace always gives
     * the same bytes, checksum and CID.
     */
    byte[] toGzip(EliminationTrace trace);
}
