/**
 * Content identifiers: unsigned varints, multibase, multihash, multicodec and {@link
 * org.phasic.traces.domain.cid.Cid} (v0 and v1), plus the {@link
 * org.phasic.traces.domain.cid.ContentException} hierarchy shared by all content-addressing code.
 */
package org.phasic.traces.domain.cid;
