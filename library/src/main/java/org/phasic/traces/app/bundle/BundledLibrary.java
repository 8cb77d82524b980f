package org.phasic.traces.app.bundle;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.ports.out.RegistryCodec;

/**
 * The starter library shipped inside the application jar (built from {@code app/src/bundle} by the build tool
 * {@code BundleBuilder} in the test sources): its registry and the blocks of every bundled trace directory, read
 * once each, the CAR only when a block is first asked for. The CAR reader verifies every block as it loads.
 */
public final class BundledLibrary {
    /** Where the bundle lives on the class path. */
    public static final String RESOURCE_DIR = "org/phasic/traces/app/bundle/";
    /** The bundled registry. */
    public static final String REGISTRY_RESOURCE = RESOURCE_DIR + "registry.json";
    /** The CAR holding every bundled trace directory. */
    public static final String CAR_RESOURCE = RESOURCE_DIR + "traces.car";

    private final Registry registry;
    private MemoryBlockStore blocks;

    @Inject
    public BundledLibrary(RegistryCodec codec) {
        Objects.requireNonNull(codec, "codec");
        try (InputStream json = resource(REGISTRY_RESOURCE)) {
            this.registry = codec.read(json);
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    /** The bundled registry. */
    public Registry registry() {
        return registry;
    }

    /** The bundled blocks, read (and verified) from the CAR on first use. */
    public synchronized MemoryBlockStore blocks() {
        if (blocks == null) {
            MemoryBlockStore read = new MemoryBlockStore();
            try (CarReader car = new CarReader(resource(CAR_RESOURCE))) {
                for (Block block = car.next(); block != null; block = car.next()) {
                    read.accept(block);
                }
            } catch (IOException e) {
                throw damaged(e);
            }
            blocks = read;
        }
        return blocks;
    }

    private static UncheckedIOException damaged(IOException e) {
        return new UncheckedIOException("the bundled library in the application jar is damaged (" + e.getMessage()
                + "); reinstall or rebuild phasic-traces", e);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BundledLibrary.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the class path");
        }
        return in;
    }
}
