package org.phasic.traces.ports.out;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;

/** Reads and writes {@code registry.json}, keeping unknown members. */
public interface RegistryCodec {

    /**
     * Parses a registry tolerantly: defects that leave traces usable (such as mock file CIDs) are kept as
     * written. Malformed JSON, a wrong top-level shape or an invalid trace id is a {@link RegistryFormatException}.
     */
    Registry read(InputStream in) throws IOException;

    /**
     * Parses one entry: the JSON object of trace {@code id} as it appears under {@code traces} (see
     * {@link RegistryCache#entry}), with the same rules and JSON paths as {@link #read}.
     */
    TraceEntry readEntry(TraceId id, InputStream in) throws IOException;

    /**
     * Reads the entries of a registry one at a time, in document order, handing each to {@code consumer} without
     * holding the whole document; structure errors are {@link RegistryFormatException}s as in {@link #read}.
     */
    void readEntries(InputStream in, Consumer<TraceEntry> consumer) throws IOException;

    /**
     * Reads a whole registry document once, one entry at a time, with every rule and JSON path of {@link #read}
     * (structure, trace ids, duplicate keys, the size limit, nothing after the document), never holding the tree
     * of more than one entry: hands each entry and the byte range of its JSON object in the document to
     * {@code entries}, in document order, and returns the rest of the registry (version, updated, collections,
     * pinning services, unknown members) with no traces.
     *
     * @throws RegistryFormatException when the document is not a registry (possibly after some entries were handed on)
     */
    Registry scan(InputStream in, EntryVisitor entries) throws IOException;

    /** Receives the entries of {@link #scan}. */
    @FunctionalInterface
    interface EntryVisitor {
        /**
         * @param entry  the entry as {@link #read} would make it
         * @param offset where its JSON object starts in the document, in bytes
         * @param length the length of that object in bytes, from its {@code '{'} to its {@code '}'}
         * @throws RegistryFormatException to refuse the document
         */
        void entry(TraceEntry entry, long offset, long length) throws IOException;
    }

    /** Writes {@code registry} as pretty-printed JSON in the public format (stable member order). */
    void write(Registry registry, OutputStream out) throws IOException;

    /**
     * The member {@code "<id>": {...}} of one entry exactly as it appears inside {@code "traces"} of a written
     * registry (four-space base indent, no trailing comma), for pasting into {@code registry.json} by hand.
     */
    String entrySnippet(TraceEntry entry);

    /** Parses a trace directory's {@code metadata.json} (the registry's metadata object on its own). */
    TraceMetadata readMetadata(InputStream in) throws IOException;

    /** Writes {@code metadata} as {@code metadata.json}: pretty JSON, stable member order, same bytes for equal input. */
    byte[] writeMetadata(TraceMetadata metadata);
}
