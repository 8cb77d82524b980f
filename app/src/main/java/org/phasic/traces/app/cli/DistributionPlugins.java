package org.phasic.traces.app.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import org.phasic.traces.app.composition.Profiles;

/**
 * The profile plugins of the CLI distribution. Run as {@code java -jar phasic-traces.jar}, the class path is the jar's
 * manifest and nothing else, so its plugins are known when it is built: the build records the classes
 * {@link Profiles#discover} finds (this class's {@link #main}), and a run of the jar loads those instead of opening
 * every jar of {@code lib/} to look for service files (a large share of a short command's start-up). Any other class
 * path (tests, an IDE, the library in another application) is searched as usual.
 */
public final class DistributionPlugins {
    static final String RESOURCE = "distribution-plugins.list";

    private DistributionPlugins() {
    }

    /** The plugins of this process's class path: the recorded ones for the distribution jar, else those discovered. */
    static Profiles profiles() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return recorded(System.getProperty("java.class.path", ""), ownJar())
                .map(names -> Profiles.of(names, loader))
                .orElseGet(() -> Profiles.discover(loader));
    }

    /**
     * The recorded plugin classes when {@code classPath} is exactly {@code jar} (the distribution run with
     * {@code -jar}) and the jar holds a record; empty otherwise.
     */
    static Optional<List<String>> recorded(String classPath, Optional<Path> jar) {
        if (jar.isEmpty() || classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator)
                || !Path.of(classPath).toAbsolutePath().normalize().equals(jar.get())) {
            return Optional.empty();
        }
        return BuildRecords.read(RESOURCE)
                .map(text -> text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
    }

    /** The jar this class was loaded from, if it was loaded from a jar. */
    private static Optional<Path> ownJar() {
        CodeSource source = DistributionPlugins.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            return location.toString().endsWith(".jar") ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Build step: records the plugin classes {@link Profiles#discover} finds on the build's class path in
     * {@code args[0]} (the {@value #RESOURCE} resource of the jar being built).
     */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        List<String> names = Profiles.discover(Thread.currentThread().getContextClassLoader()).classNames();
        BuildRecords.write(target, String.join("\n", names) + "\n");
    }
}
