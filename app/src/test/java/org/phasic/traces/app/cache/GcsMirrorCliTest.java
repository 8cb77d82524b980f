package org.phasic.traces.app.cache;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.phasic.traces.adapter.cloud.GcsBlobStore;
import org.phasic.traces.adapter.cloud.GcsSettings;
import org.phasic.traces.adapter.cloud.MirrorContentSource;
import org.phasic.traces.adapter.cloud.MirrorSettings;
import org.phasic.traces.adapter.cloud.profile.MirrorProfile;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.spi.Contributions;
import org.phasic.traces.spi.PluginServices;
import org.phasic.traces.spi.ProfilePlugin;
import org.phasic.traces.spi.Settings;

/**
 * The GCS adapter as a private mirror through the CLI, on Google's in-memory Storage fake (LocalStorageHelper).
 * The fake has no HTTP endpoint that the built-in {@code gcs} profile could be pointed at, so a test-only plugin
 * ({@code gcs-local}, found by ServiceLoader through this test's context class loader) binds the same
 * {@link MirrorContentSource} over a {@link GcsBlobStore} on the fake; it also shows a plugin's name selecting
 * a mirror by configuration alone.
 */
class GcsMirrorCliTest extends MirrorCliContract {
    private static final String BUCKET = "phasic-mirror";
    private static final String PREFIX = "team/traces";
    private static volatile Storage storage;

    private ClassLoader original;

    /** Profile {@code gcs-local}: a GCS mirror on the fake {@link #storage}, bound like the built-in gcs profile binds its own. */
    public static final class LocalGcsPlugin implements ProfilePlugin {
        @Override
        public String name() {
            return "gcs-local";
        }

        @Override
        public String description() {
            return "GCS mirror on LocalStorageHelper (tests only)";
        }

        @Override
        public void contribute(Settings settings, PluginServices services, Contributions contributions) {
            Supplier<MirrorContentSource> mirror = Contributions.once(() -> new MirrorContentSource(store(), true));
            MirrorProfile.contributeMirror(mirror, MirrorSettings.from(settings).writeBack(), contributions);
        }
    }

    @BeforeEach
    void installPlugin() throws IOException {
        storage = LocalStorageHelper.customOptions(false).getService();
        Path services = Files.writeString(tmp.resolve("plugins"), LocalGcsPlugin.class.getName() + "\n");
        original = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new PluginClassLoader(original, services.toUri().toURL()));
    }

    @AfterEach
    void removePlugin() {
        Thread.currentThread().setContextClassLoader(original);
    }

    @Override
    protected List<String> mirrorConfig() {
        return List.of("profile: gcs-local");
    }

    @Override
    protected BlobStore mirror() {
        return store();
    }

    @Override
    protected String location() {
        return "gs://" + BUCKET + "/" + PREFIX;
    }

    /** A store on the shared fake; closing it leaves the fake open for the next client. */
    private static BlobStore store() {
        BlobStore store = new GcsBlobStore(storage, GcsSettings.of(BUCKET).withPrefix(PREFIX));
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Adds one service file for {@link ProfilePlugin} to what the parent finds. */
    private static final class PluginClassLoader extends ClassLoader {
        private static final String SERVICE = "META-INF/services/" + ProfilePlugin.class.getName();
        private final URL services;

        PluginClassLoader(ClassLoader parent, URL services) {
            super(parent);
            this.services = services;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> found = new ArrayList<>(Collections.list(super.getResources(name)));
            if (SERVICE.equals(name)) {
                found.add(services);
            }
            return Collections.enumeration(found);
        }
    }
}
