package org.phasic.traces.app.bundle;

import jakarta.inject.Inject;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;

/** The bundled starter library as the first source after the local store; needs no network. */
public final class BundledContentSource implements ContentSource {
    private final BundledLibrary library;

    @Inject
    public BundledContentSource(BundledLibrary library) {
        this.library = Objects.requireNonNull(library, "library");
    }

    @Override
    public String name() {
        return "bundled library";
    }

    @Override
    public boolean usesNetwork() {
        return false;
    }

    @Override
    public int order() {
        return Tier.BUNDLE;
    }

    @Override
    public Optional<BlockFeed> open(Cid root, String path) {
        return library.blocks().contains(root) ? Optional.of(BlockFeed.Lookup.of(library.blocks())) : Optional.empty();
    }
}
