package org.phasic.traces.domain.dag;

import java.io.IOException;

/** Receives blocks as they are produced (by an importer, a CAR reader ...), e.g. to write a CAR or a store. */
@FunctionalInterface
public interface BlockSink {

    /** A sink that drops every block (hash only). */
    BlockSink DISCARD = block -> { };

    void accept(Block block) throws IOException;
}
