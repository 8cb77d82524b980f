package org.phasic.traces.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.out.TraceStore.StagedFile;
import org.phasic.traces.ports.out.TraceStore.StoredTrace;
import org.phasic.traces.ports.out.TraceStore.VerifiedStagedFile;
import org.phasic.traces.ports.out.TraceStore.WorkLock;

class DiskTraceStoreTest {
    private static final TraceId ID = TraceId.of("kingman_n5_theta1");
    private static final String ROOT = "QmRootCid000000000000000000000000000000000000000";
    private static final String FILE_CID = "QmFileCid000000000000000000000000000000000000000";
    private static final byte[] CONTENT = "trace bytes for the store test".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path folder;
    DiskTraceStore store;

    @BeforeEach
    void open() throws IOException {
        store = new DiskTraceStore(folder, Duration.ofMinutes(2), Clock.systemUTC());
    }

    private StoredTrace put(DiskTraceStore target, byte[] content) throws IOException {
        StagedFile staged = target.stage();
        staged.output().write(content);
        return target.commit(ID, ROOT, Map.of("trace.json.gz", new VerifiedStagedFile(staged, FILE_CID)));
    }

    @Test
    void committedFilesAreFoundWithTheirSizeAndHash() throws Exception {
        put(store, CONTENT);

        StoredTrace found = store.find(ID, ROOT).orElseThrow();

        assertThat(found.rootCid()).isEqualTo(ROOT);
        var file = found.file("trace.json.gz").orElseThrow();
        assertThat(file.size()).isEqualTo(CONTENT.length);
        assertThat(file.sha256()).isEqualTo(Sha256.hex(CONTENT));
        assertThat(Files.readAllBytes(file.path())).isEqualTo(CONTENT);
        assertThat(store.find(ID, "QmOtherRoot00000000000000000000000000000000000000")).isEmpty();
        assertThat(folder.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void aLargeFileIsStagedWithItsSizeAndHashAndCommittedByteForByte() throws Exception {
        byte[] large = new byte[(int) WriteBehindOutput.THROUGH_BYTES + 3 * WriteBehindOutput.BUFFER_BYTES + 12345];
        new Random(11).nextBytes(large);
        StagedFile staged = store.stage();
        for (int offset = 0; offset < large.length; offset += 300_000) {
            staged.output().write(large, offset, Math.min(300_000, large.length - offset));
        }
        staged.close();
        assertThat(staged.size()).isEqualTo(large.length);
        assertThat(staged.sha256()).isEqualTo(Sha256.hex(large));

        store.commit(ID, ROOT, Map.of("trace.json.gz", new VerifiedStagedFile(staged, FILE_CID)));

        var file = store.find(ID, ROOT).orElseThrow().file("trace.json.gz").orElseThrow();
        assertThat(file.sha256()).isEqualTo(Sha256.hex(large));
        assertThat(Files.readAllBytes(file.path())).isEqualTo(large);
        assertThat(folder.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void aFlippedByteIsDetectedReportedAndRemoved() throws Exception {
        Path object = put(store, CONTENT).file("trace.json.gz").orElseThrow().path();
        byte[] damaged = CONTENT.clone();
        damaged[3] ^= 0x01;
        Files.write(object, damaged);

        assertThat(store.find(ID, ROOT)).isEmpty();

        assertThat(store.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.what()).isEqualTo("kingman_n5_theta1/trace.json.gz");
            assertThat(problem.reason()).startsWith("SHA-256 is ");
        });
        assertThat(object).doesNotExist();
        assertThat(store.findAny(ID)).isEmpty();
    }

    @Test
    void aTruncatedFileIsDetectedBySize() throws Exception {
        Path object = put(store, CONTENT).file("trace.json.gz").orElseThrow().path();
        Files.write(object, new byte[] {CONTENT[0]});

        assertThat(store.find(ID, ROOT)).isEmpty();
        assertThat(store.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.reason()).isEqualTo("size is 1 bytes, expected " + CONTENT.length));
    }

    @Test
    void aDamagedReferenceIsNotTrusted() throws Exception {
        put(store, CONTENT);
        Files.writeString(folder.resolve("refs/kingman_n5_theta1.json"), "{\"id\": \"kingman_n5_theta1\", \"root\"");

        assertThat(store.find(ID, ROOT)).isEmpty();
        assertThat(store.problems()).singleElement().satisfies(p -> assertThat(p.reason()).startsWith("unreadable reference"));
    }

    @Test
    void aReferenceWithUnknownFieldsOrWrongTypesIsNotTrusted() throws Exception {
        put(store, CONTENT);
        Path ref = folder.resolve("refs/kingman_n5_theta1.json");
        String good = Files.readString(ref);
        assertThat(store.find(ID, ROOT)).isPresent();
        for (String bad : List.of(good.replaceFirst("\"root\"", "\"extra\": 1, \"root\""),
                good.replaceFirst("\"size\" : (\\d+)", "\"size\" : \"$1\""),
                good.replaceFirst("\"sha256\"", "\"sha512\""),
                "[]")) {
            assertThat(bad).isNotEqualTo(good);
            Files.writeString(ref, bad);

            assertThat(store.find(ID, ROOT)).as(bad).isEmpty();
            assertThat(store.problems()).singleElement().satisfies(p -> assertThat(p.reason()).startsWith("unreadable reference"));
            assertThat(ref).doesNotExist();
        }
    }

    @Test
    void aStagedFileThatWasNeverCommittedIsNeverFound() throws Exception {
        StagedFile staged = store.stage();
        staged.output().write(CONTENT);

        assertThat(store.findAny(ID)).isEmpty();
        staged.discard();
        assertThat(folder.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void verifyAllReportsAndFixesBadEntries() throws Exception {
        Path object = put(store, CONTENT).file("trace.json.gz").orElseThrow().path();
        Files.write(object, "something else".getBytes(StandardCharsets.UTF_8));

        assertThat(store.verifyAll(false)).singleElement().satisfies(p -> assertThat(p.fixed()).isFalse());
        assertThat(object).exists();
        assertThat(store.verifyAll(true)).singleElement().satisfies(p -> assertThat(p.fixed()).isTrue());
        assertThat(object).doesNotExist();
        assertThat(store.verifyAll(false)).isEmpty();
    }

    @Test
    void gcRemovesWhatIsNeitherKeptNorPinnedAndDryRunRemovesNothing() throws Exception {
        Path object = put(store, CONTENT).file("trace.json.gz").orElseThrow().path();

        var dryRun = store.gc(Map.of(), true);
        assertThat(dryRun.references()).containsExactly("kingman_n5_theta1");
        assertThat(dryRun.bytes()).isEqualTo(CONTENT.length);
        assertThat(store.findAny(ID)).isPresent();

        assertThat(store.gc(Map.of(ID, ROOT), false).references()).isEmpty();
        store.pin(ID, true);
        assertThat(store.gc(Map.of(), false).references()).isEmpty();
        assertThat(store.pins()).containsExactly(ID);
        store.pin(ID, false);

        var removed = store.gc(Map.of(), false);
        assertThat(removed.objects()).containsExactly(FILE_CID);
        assertThat(object).doesNotExist();
        assertThat(store.findAny(ID)).isEmpty();
    }

    @Test
    void removeDropsTheReferenceAndItsPinButKeepsContentAnotherTraceShares() throws Exception {
        TraceId other = TraceId.of("kingman_n3_theta1");
        Path shared = put(store, CONTENT).file("trace.json.gz").orElseThrow().path();
        StagedFile staged = store.stage();
        staged.output().write(CONTENT);
        store.commit(other, ROOT, Map.of("trace.json.gz", new VerifiedStagedFile(staged, FILE_CID)));
        store.pin(ID, true);

        assertThat(store.stored()).extracting(info -> info.id().value() + " " + info.bytes() + " " + info.pinned())
                .containsExactlyInAnyOrder("kingman_n5_theta1 " + CONTENT.length + " true",
                        "kingman_n3_theta1 " + CONTENT.length + " false");
        assertThat(store.diskBytes()).as("shared content counted once").isEqualTo(CONTENT.length);

        var first = store.remove(java.util.Set.of(ID));
        assertThat(first.references()).containsExactly(ID.value());
        assertThat(first.objects()).isEmpty();
        assertThat(shared).exists();
        assertThat(store.pins()).isEmpty();

        var second = store.remove(java.util.Set.of(other));
        assertThat(second.objects()).containsExactly(FILE_CID);
        assertThat(second.bytes()).isEqualTo(CONTENT.length);
        assertThat(shared).doesNotExist();
        assertThat(store.stored()).isEmpty();
    }

    @Test
    void eightThreadsCommittingTheSameTraceAllSucceedWithOneCopy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<StoredTrace>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<StoredTrace> task = () -> put(new DiskTraceStore(folder, Duration.ofMinutes(2), Clock.systemUTC()), CONTENT);
                results.add(pool.submit(task));
            }
            for (Future<StoredTrace> result : results) {
                assertThat(result.get().file("trace.json.gz").orElseThrow().sha256()).isEqualTo(Sha256.hex(CONTENT));
            }
        } finally {
            pool.shutdownNow();
        }
        try (var objects = Files.list(folder.resolve("objects")); var staging = Files.list(folder.resolve("tmp"))) {
            assertThat(objects).hasSize(1);
            assertThat(staging).isEmpty();
        }
        assertThat(store.find(ID, ROOT)).isPresent();
    }

    @Test
    void aSecondLockWaitsThenGivesUpWithoutHoldingAndAStaleLockIsTakenOver() throws Exception {
        try (WorkLock first = store.lock(ROOT, Duration.ZERO)) {
            assertThat(first.held()).isTrue();
            try (WorkLock second = store.lock(ROOT, Duration.ofMillis(100))) {
                assertThat(second.held()).isFalse();
            }
        }
        Files.writeString(folder.resolve("locks/" + ROOT + ".lock"), "999999999 2020-01-01T00:00:00Z");
        try (WorkLock afterDeadOwner = store.lock(ROOT, Duration.ofMillis(100))) {
            assertThat(afterDeadOwner.held()).isTrue();
        }
    }

    @Test
    void extraFilesAreCheckedOnEveryReadCountedAndCollectedLikeTheTrace() throws Exception {
        String codeCid = "QmCodeCid000000000000000000000000000000000000000";
        byte[] code = "print('theta')\n".getBytes(StandardCharsets.UTF_8);
        StagedFile trace = store.stage();
        trace.output().write(CONTENT);
        StagedFile example = store.stage();
        example.output().write(code);
        store.commit(ID, ROOT, Map.of("trace.json.gz", new VerifiedStagedFile(trace, FILE_CID),
                "example.py", new VerifiedStagedFile(example, codeCid)));

        StoredTrace found = store.find(ID, ROOT).orElseThrow();
        assertThat(found.files().keySet()).containsExactlyInAnyOrder("trace.json.gz", "example.py");
        assertThat(store.stored()).singleElement().satisfies(info -> {
            assertThat(info.files()).isEqualTo(2);
            assertThat(info.bytes()).isEqualTo(CONTENT.length + code.length);
        });

        Path codeObject = found.file("example.py").orElseThrow().path();
        Files.write(codeObject, "print('forged')\n".getBytes(StandardCharsets.UTF_8));
        assertThat(store.verifyAll(false)).singleElement().satisfies(p -> assertThat(p.what()).isEqualTo(ID + "/example.py"));
        assertThat(store.find(ID, ROOT)).as("a damaged extra file fails the entry").isEmpty();
        assertThat(store.problems()).singleElement().satisfies(p -> assertThat(p.what()).isEqualTo(ID + "/example.py"));

        put(store, CONTENT);
        Files.write(codeObject, code);
        assertThat(store.gc(Map.of(), false).objects()).containsExactlyInAnyOrder(FILE_CID, codeCid);
        assertThat(folder.resolve("objects")).isEmptyDirectory();
    }

    @Test
    void fileNamesThatAreNotOneSafePathSegmentAreRefusedOnCommitAndOnRead() throws Exception {
        StagedFile staged = store.stage();
        staged.output().write(CONTENT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.commit(ID, ROOT,
                        Map.of("../escape.py", new VerifiedStagedFile(staged, FILE_CID))))
                .hasMessageContaining("unsafe entry name '../escape.py'");
        staged.discard();

        put(store, CONTENT);
        Path ref = folder.resolve("refs/kingman_n5_theta1.json");
        String good = Files.readString(ref);
        for (String name : List.of("../../.bashrc", "sub/dir.py", "CON", "")) {
            Files.writeString(ref, good.replace("\"trace.json.gz\"", "\"" + name + "\""));

            assertThat(store.find(ID, ROOT)).as(name).isEmpty();
            assertThat(store.problems()).singleElement().satisfies(p -> assertThat(p.reason()).startsWith("unreadable reference")
                    .contains("unsafe file name"));
            assertThat(ref).doesNotExist();
        }
    }

    @Test
    void hostileCidStringsNeverBecomePaths() throws Exception {
        StagedFile staged = store.stage();
        staged.output().write(CONTENT);

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        store.commit(ID, ROOT, Map.of("trace.json.gz", new VerifiedStagedFile(staged, "../../etc/passwd"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a CID string");
        staged.discard();
    }
}
