/**
 * UnixFS on dag-pb: the {@link org.phasic.traces.domain.unixfs.UnixFsData} message, a Kubo/ipfs-car
 * compatible {@link org.phasic.traces.domain.unixfs.UnixFsImporter} driven by an {@link
 * org.phasic.traces.domain.unixfs.ImportProfile}, verified {@link
 * org.phasic.traces.domain.unixfs.Reassembler reassembly} of files and directory trees from untrusted
 * blocks, and {@link org.phasic.traces.domain.unixfs.SafePaths} for untrusted entry names.
 */
package org.phasic.traces.domain.unixfs;
