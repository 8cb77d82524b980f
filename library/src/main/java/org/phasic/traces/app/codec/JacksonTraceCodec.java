package org.phasic.traces.app.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import org.phasic.traces.domain.io.DeterministicGzip;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.InvalidTraceException;
import org.phasic.traces.domain.trace.Operation;
import org.phasic.traces.ports.out.TraceCodec;

/**
 * {@link TraceCodec} with Jackson. Reading is tolerant in form (op types as upper- or lower-case
 * names or integer codes; absent operation fields) and strict in content: every value is checked
 * and a bad one is an {@link InvalidTraceException} naming its field and index. Writing is
 * deterministic: fixed field order, compact, and doubles written by Jackson's own shortest-repr
 * writer so the text does not depend on the JDK's {@code Double.toString}.
 */
public final class JacksonTraceCodec implements TraceCodec {
    /** What the size limit's message calls the content. */
    static final String CONTENT = "decompressed trace";

    /** Raw (compressed) input up to this size is read into memory first, for the fast path. */
    private static final int MAX_RAW = 16 << 20;

    /** Jackson's streaming core, loaded on first use: the fast path reads a plain trace without it. */
    private static final class Json {
        static final JsonFactory FACTORY = JsonFactory.builder()
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .build();
    }

    /** Data binding, loaded on first use: the streaming reader needs it only to describe a bad value. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder(Json.FACTORY)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    private final long maxDecompressedBytes;

    /** A codec with the default size limit ({@link TraceCodec#DEFAULT_MAX_DECOMPRESSED_BYTES}). */
    public JacksonTraceCodec() {
        this(DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    /** A codec that refuses trace content larger than {@code maxDecompressedBytes}. */
    public JacksonTraceCodec(long maxDecompressedBytes) {
        if (maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must be > 0, got " + maxDecompressedBytes);
        }
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The input (up to 16 MiB of it) is read into memory first; a plain trace is then decoded by a scanner of
     * its own ({@link FastTraceReader}), and anything it does not take (including every error) is read again by
     * the streaming reader from the same bytes, which gives the result.
     */
    @Override
    public EliminationTrace read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        byte[] raw = new byte[(int) Math.min(MAX_RAW + 1L, Math.max(8192, in.available() + 1L))];
        int length = 0;
        try {
            for (int n; (n = in.read(raw, length, raw.length - length)) >= 0; ) {
                length += n;
                if (length == raw.length) {
                    if (length > MAX_RAW) {
                        return readStreaming(new ReplayInputStream(raw, length, null, in));
                    }
                    raw = Arrays.copyOf(raw, (int) Math.min(MAX_RAW + 1L, 2L * length));
                }
            }
        } catch (IOException e) {
            return readStreaming(new ReplayInputStream(raw, length, e, in));
        }
        EliminationTrace trace = FastTraceReader.read(raw, length, maxDecompressedBytes);
        return trace != null ? trace : readStreaming(new ByteArrayInputStream(raw, 0, length));
    }

    private EliminationTrace readStreaming(InputStream in) throws IOException {
        return StreamingTraceReader.read(Json.FACTORY, in, maxDecompressedBytes);
    }

    /** The mapper used for reading and writing (fixed features), shared with tests. */
    static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    static InvalidTraceException malformed(JsonProcessingException e) {
        var at = e.getLocation();
        return new InvalidTraceException("$", "malformed JSON: " + e.getOriginalMessage()
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }

    static InvalidTraceException corruptGzip(IOException e) {
        return new InvalidTraceException("$", "corrupt gzip data: " + e.getMessage());
    }

    @Override
    public byte[] toJson(EliminationTrace trace) {
        Objects.requireNonNull(trace, "trace");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = mapper().createGenerator(bytes)) {
            g.writeStartObject();
            g.writeArrayFieldStart("operations");
            for (Operation op : trace.operations()) {
                writeOperation(g, op);
            }
            g.writeEndArray();
            g.writeFieldName("vertex_rates");
            writeInts(g, trace.vertexRates());
            writeRows(g, "edge_probs", trace.edgeProbs());
            writeRows(g, "vertex_targets", trace.vertexTargets());
            writeRows(g, "states", trace.states());
            g.writeNumberField("starting_vertex_idx", trace.startingVertexIdx());
            g.writeNumberField("n_vertices", trace.nVertices());
            g.writeNumberField("state_length", trace.stateLength());
            g.writeNumberField("param_length", trace.paramLength());
            g.writeBooleanField("is_discrete", trace.isDiscrete());
            g.writeFieldName("metadata");
            mapper().writeValue(g, trace.metadata());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    @Override
    public byte[] toGzip(EliminationTrace trace) {
        return DeterministicGzip.compress(toJson(trace));
    }

    private static void writeOperation(JsonGenerator g, Operation op) throws IOException {
        g.writeStartObject();
        g.writeStringField("op_type", op.type().name());
        g.writeFieldName("operands");
        writeInts(g, op.operands());
        g.writeFieldName("const_value");
        if (op.constValue().isPresent()) {
            g.writeNumber(op.constValue().getAsDouble());
        } else {
            g.writeNull();
        }
        g.writeFieldName("param_idx");
        if (op.paramIdx().isPresent()) {
            g.writeNumber(op.paramIdx().getAsInt());
        } else {
            g.writeNull();
        }
        g.writeFieldName("coefficients");
        double[] c = op.coefficients().orElse(null);
        if (c == null) {
            g.writeNull();
        } else {
            g.writeArray(c, 0, c.length);
        }
        g.writeEndObject();
    }

    private static void writeRows(JsonGenerator g, String field, int[][] rows) throws IOException {
        g.writeArrayFieldStart(field);
        for (int[] row : rows) {
            writeInts(g, row);
        }
        g.writeEndArray();
    }

    private static void writeInts(JsonGenerator g, int[] values) throws IOException {
        g.writeArray(values, 0, values.length);
    }
}
