package org.phasic.traces.adapter.ipfs;

import java.util.Objects;

/**
 * One file or directory the API reported while adding.
 *
 * @param name the path inside the upload ({@code dir/file}); empty for the wrapping directory
 * @param cid  its CID, as the API reported it (base32 for CIDv1)
 * @param size the size the API reported (the DAG size, not the file length)
 */
public record AddedEntry(String name, String cid, long size) {

    public AddedEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cid, "cid");
    }
}
