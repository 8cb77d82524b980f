package org.phasic.traces.domain.unixfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phasic.traces.domain.vectors.LcgInputStream;
import org.phasic.traces.domain.vectors.Vectors;
import org.phasic.traces.domain.vectors.Vectors.Row;

/** Our importer against every CID that ipfs-car, ipfs_cid and js-ipfs recorded in vectors.tsv. */
class ImporterVectorTest {

    static Stream<Row> fileRows() {
        return Vectors.rows().stream().filter(r -> r.kind().equals("file"));
    }

    static Stream<Row> treeRows() {
        return Vectors.rows().stream().filter(r -> r.kind().equals("tree"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileRows")
    void fileCidMatchesIndependentTool(Row row) throws IOException {
        ImportedEntry entry = new UnixFsImporter(row.profile()).importFile(new LcgInputStream(row.seed(), row.size()));
        assertThat(entry.cid()).isEqualTo(row.cid());
        assertThat(entry.size()).isEqualTo(row.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("treeRows")
    void treeCidMatchesIndependentTool(Row row, @TempDir Path dir) throws IOException {
        Vectors.buildTree(row.name(), dir);
        ImportResult result = new UnixFsImporter(row.profile()).importPath(dir);
        assertThat(result.root()).isEqualTo(row.cid());
        long visibleBytes = Vectors.treeSpec(row.name()).entrySet().stream()
                .filter(e -> !e.getKey().startsWith(".")).mapToLong(e -> e.getValue()[1]).sum();
        assertThat(result.rootEntry().size()).isEqualTo(visibleBytes);
    }
}
