package org.phasic.traces.domain.vectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.unixfs.ImportProfile;

/** The vectors recorded by {@code vectors/make-vectors.sh} with independent tools. */
public final class Vectors {

    private Vectors() {
    }

    /** One row of vectors.tsv. */
    public record Row(String kind, String name, int seed, long size, ImportProfile profile, String tool, Cid cid) {
        @Override
        public String toString() {
            return kind + " " + name + " " + profileName(profile) + " (" + tool + ")";
        }
    }

    /**
     * One row of fixtures.tsv: a CAR file made by an independent tool, its root, the import profile that
     * made it (null if none) and what it holds ({@code file SEED SIZE} or {@code tree SPEC}).
     */
    public record Fixture(String car, String tool, Cid root, ImportProfile profile, String content) {
        @Override
        public String toString() {
            return car;
        }
    }

    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String[] f : table("vectors.tsv")) {
            rows.add(new Row(f[0], f[1], f[2].equals("-") ? 0 : Integer.parseInt(f[2]),
                    f[3].equals("-") ? 0 : Long.parseLong(f[3]), profile(f[4]), f[5], Cid.parse(f[6])));
        }
        return rows;
    }

    public static List<Fixture> fixtures() {
        List<Fixture> fixtures = new ArrayList<>();
        for (String[] f : table("fixtures.tsv")) {
            fixtures.add(new Fixture(f[0], f[1], Cid.parse(f[2]), f[3].equals("-") ? null : profile(f[3]), f[4]));
        }
        return fixtures;
    }

    /** {@code cidVersion:rawLeaves:chunkSize:maxLinks}. */
    public static ImportProfile profile(String text) {
        String[] p = text.split(":");
        return new ImportProfile(Integer.parseInt(p[0]), Boolean.parseBoolean(p[1]), Integer.parseInt(p[2]),
                Integer.parseInt(p[3]));
    }

    public static String profileName(ImportProfile p) {
        return p.cidVersion() + ":" + p.rawLeaves() + ":" + p.chunkSize() + ":" + p.maxLinks();
    }

    /** The files of a tree spec (small-tree, big-tree): relative path to (seed, size), in file order. */
    public static Map<String, long[]> treeSpec(String name) {
        Map<String, long[]> files = new LinkedHashMap<>();
        for (String[] f : table(name + ".tsv")) {
            files.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
        return files;
    }

    /**
     * Writes a tree spec's files under {@code dir}, as make-vectors.sh does; skips the calling test, saying why,
     * when a name cannot be created here (see {@link FileNames}).
     */
    public static Path buildTree(String name, Path dir) throws IOException {
        return buildTree(name, "", dir);
    }

    /** Writes the files of a tree spec below {@code folder} (such as {@code sub/}; "" for all) under {@code dir}. */
    public static Path buildTree(String name, String folder, Path dir) throws IOException {
        Map<String, long[]> files = new LinkedHashMap<>(treeSpec(name));
        files.keySet().removeIf(path -> !path.startsWith(folder));
        FileNames.assumeCreatable(files.keySet());
        for (Map.Entry<String, long[]> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey().substring(folder.length()));
            Files.createDirectories(target.getParent());
            try (InputStream in = new LcgInputStream((int) file.getValue()[0], file.getValue()[1]);
                    OutputStream out = Files.newOutputStream(target)) {
                in.transferTo(out);
            }
        }
        return dir;
    }

    public static byte[] resource(String name) {
        try (InputStream in = Objects.requireNonNull(Vectors.class.getResourceAsStream("/vectors/" + name),
                () -> "missing test resource vectors/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String[]> table(String name) {
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(resource(name), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }
}
