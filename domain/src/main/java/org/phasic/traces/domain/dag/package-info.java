/**
 * Blocks and the dag-pb codec: {@link org.phasic.traces.domain.dag.Block}, the untrusted {@link
 * org.phasic.traces.domain.dag.BlockSource}, {@link org.phasic.traces.domain.dag.BlockSink}, and
 * {@link org.phasic.traces.domain.dag.PBNode}/{@link org.phasic.traces.domain.dag.PBLink} with the
 * canonical encoding and strict decoding the dag-pb specification requires.
 */
package org.phasic.traces.domain.dag;
