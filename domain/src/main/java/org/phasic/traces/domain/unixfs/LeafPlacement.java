package org.phasic.traces.domain.unixfs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.OptionalLong;
import org.phasic.traces.domain.cid.Cid;

/**
 * A block source that copies raw leaves straight into files on threads of its own. When the {@link Reassembler}
 * writes a tree over such a source, it does not fetch a raw leaf and write it in order: it takes the leaf's length
 * from the source, checks it against the DAG, and asks the source to place the leaf at its position in the file.
 * The source reads the leaf, hashes it against its CID and only then writes those very bytes; a file is complete
 * (and every leaf in it verified) only once {@link #awaitPlaced()} returned without an exception, so a caller
 * writes into a staging folder that it renames into place after that, or deletes.
 */
public interface LeafPlacement {

    /** The length of the block for {@code cid}, known without reading it; empty if the source does not hold it. */
    OptionalLong blockLength(Cid cid);

    /**
     * Reads the block for {@code cid}, checks that it hashes to {@code cid} and writes it to {@code file} at
     * {@code position}, in the background; waits while too many placements are pending (memory stays bounded).
     * {@code file} must stay open until {@link #awaitPlaced()} returns.
     *
     * @throws org.phasic.traces.domain.cid.CorruptContentException if an earlier placement found a block that does
     *     not hash to its CID (the first such failure; later placements are not started)
     * @throws IOException if an earlier placement failed to read or write
     */
    void place(Cid cid, FileChannel file, long position) throws IOException;

    /**
     * Waits until every placement has finished; afterwards none writes any more.
     *
     * @throws org.phasic.traces.domain.cid.CorruptContentException naming the first block that did not hash to its
     *     CID
     * @throws IOException if a placement failed to read or write (an error a placement met, such as running out of
     *     memory, is thrown as it is: a leaf not written never passes as placed)
     */
    void awaitPlaced() throws IOException;
}
