package org.phasic.traces.domain.vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Compares directory trees as maps of '/'-separated relative path to file bytes. */
public final class Trees {

    private Trees() {
    }

    /** Every regular file under {@code root}. */
    public static Map<String, byte[]> read(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** The non-hidden files of a tree spec, as Kubo and ipfs-car import it. */
    public static Map<String, byte[]> expected(String spec) {
        return expected(spec, "");
    }

    /** The non-hidden files of a tree spec below {@code folder} (such as {@code sub/}), relative to it. */
    public static Map<String, byte[]> expected(String spec, String folder) {
        Map<String, byte[]> files = new TreeMap<>();
        Vectors.treeSpec(spec).forEach((path, seedAndSize) -> {
            if (!path.startsWith(".") && !path.contains("/.") && path.startsWith(folder)) {
                files.put(path.substring(folder.length()),
                        LcgInputStream.bytes((int) seedAndSize[0], (int) seedAndSize[1]));
            }
        });
        return files;
    }
}
