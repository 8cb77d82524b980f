package org.phasic.traces.app.plugin.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Contributions;
import org.phasic.traces.spi.PluginServices;
import org.phasic.traces.spi.ProfilePlugin;
import org.phasic.traces.spi.Settings;

/**
 * An example third-party profile, compiled against the plugin SPI, the ports and the domain alone (an ArchUnit
 * rule keeps it so): found by ServiceLoader, selected by {@code profile: example}, it serves traces from CAR files
 * named {@code <root CID>.car} in the folder {@code example.folder}.
 */
public final class ExamplePlugin implements ProfilePlugin {
    /** The folder of CAR files. */
    public static final String FOLDER = "example.folder";

    @Override
    public String name() {
        return "example";
    }

    @Override
    public String description() {
        return "CAR files in a folder (example plugin of the tests)";
    }

    @Override
    public List<ConfigKey> settingKeys() {
        return List.of(ConfigKey.of(FOLDER, ConfigKey.Type.STRING, null, "folder of <root CID>.car files"));
    }

    @Override
    public void contribute(Settings settings, PluginServices services, Contributions contributions) {
        Path folder = Path.of(settings.require(FOLDER));
        contributions.contentSource(() -> new FolderSource(folder));
    }

    /** Serves {@code <folder>/<root>.car}; the fetch chain verifies every block. */
    static final class FolderSource implements ContentSource {
        private final Path folder;

        FolderSource(Path folder) {
            this.folder = folder;
        }

        @Override
        public String name() {
            return "example folder " + folder;
        }

        @Override
        public boolean usesNetwork() {
            return false;
        }

        @Override
        public int order() {
            return ContentSource.Tier.MIRROR;
        }

        @Override
        public Optional<BlockFeed> open(Cid root, String path) throws IOException {
            Path car = folder.resolve(root + ".car");
            return Files.isRegularFile(car) ? Optional.of(new BlockFeed.Car(Files.newInputStream(car))) : Optional.empty();
        }
    }
}
