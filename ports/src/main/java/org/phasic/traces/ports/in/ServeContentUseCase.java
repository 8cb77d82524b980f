package org.phasic.traces.ports.in;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;

/**
 * Serves what the local store holds, block by block, as a trustless gateway does. Only blocks the store can prove are
 * ever returned: each stored trace directory is re-derived from its stored files with the UnixFS importer and must
 * hash to the registry's directory CID before any of its blocks is served, and every block is checked against its CID
 * again as it is read. Writers stream, so memory does not grow with content size.
 */
public interface ServeContentUseCase {

    /**
     * What {@code root/path} names, resolved through verified directory blocks.
     *
     * @param path entry names below {@code root} (no empty, "." or ".." names; those never match)
     * @return empty when the store cannot prove {@code root} or has no such entry
     */
    Optional<ServedContent> resolve(Cid root, List<String> path) throws IOException;

    /** The verified bytes of one block, or empty when the store cannot prove it. */
    Optional<byte[]> block(Cid cid) throws IOException;

    /**
     * Writes a CARv1 of {@code content}: its path blocks first (root to parent), then the blocks {@code scope}
     * selects, depth first, each block once. The header's only root is {@link ServedContent#root()}.
     */
    void writeCar(ServedContent content, DagScope scope, OutputStream out) throws IOException;

    /** Writes the bytes of the file {@code content} names. */
    void writeFile(ServedContent content, OutputStream out) throws IOException;

    /**
     * Brings the verified block index up to date with the store (re-deriving only what is new or changed, dropping what
     * left) and says how many traces and blocks the store can currently prove.
     */
    ServeIndexSummary refresh() throws IOException;

    /**
     * How much of a DAG a CAR response carries.
     */
    enum DagScope {
        /** The terminal block only. */
        BLOCK,
        /** A file's whole DAG, a directory's own block. */
        ENTITY,
        /** Everything below the terminal block. */
        ALL
    }

    /**
     * The store's proven content.
     *
     * @param traces  how many stored traces were re-derived (now or when the kept index was written) and matched their
     *                registry CID
     * @param blocks  how many blocks can be served
     * @param refused one line per stored trace that could not be proven
     * @param derived how many stored traces this refresh re-derived (the others came from the kept index)
     * @param notes   one line per thing worth telling the user, e.g. a kept index that was unusable and rebuilt
     */
    record ServeIndexSummary(int traces, int blocks, List<String> refused, int derived, List<String> notes) {
        public ServeIndexSummary {
            refused = List.copyOf(refused);
            notes = List.copyOf(notes);
        }
    }
}
