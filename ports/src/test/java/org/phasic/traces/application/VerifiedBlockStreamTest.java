package org.phasic.traces.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.out.TraceStore.StoredFile;
import org.phasic.traces.ports.out.TraceStore.StoredTrace;
import org.phasic.traces.domain.registry.TraceId;

/** The blocks of a multi-chunk file, derived into an index and streamed with read-ahead, against the importer's own. */
class VerifiedBlockStreamTest {
    @TempDir
    Path tmp;

    private record Derived(VerifiedBlockIndex index, Cid root, Cid file, byte[] bytes, Path stored, MemoryBlockStore reference) {
    }

    /** A trace directory whose trace.json.gz spans many chunks (and, for Kubo, inner nodes), derived from its files. */
    private Derived derive(String preset) throws Exception {
        byte[] bytes = new byte[3 * (1 << 20) + 12_345];
        new SplittableRandom(7).nextBytes(bytes);
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        Files.write(dir.resolve(TraceEntry.TRACE_FILE), bytes);
        Files.writeString(dir.resolve("checksum.sha256"), Sha256.hex(bytes) + "  " + TraceEntry.TRACE_FILE + "\n");
        MemoryBlockStore reference = new MemoryBlockStore();
        ImportResult imported = new UnixFsImporter(ImportProfile.preset(preset), reference).importPath(dir);
        Cid file = imported.entry(TraceEntry.TRACE_FILE).orElseThrow().cid();
        Path stored = Files.write(tmp.resolve("object"), bytes);
        StoredTrace trace = new StoredTrace(TraceId.of("big_trace"), imported.root().toString(),
                Map.of(TraceEntry.TRACE_FILE, new StoredFile(file.toString(), bytes.length, Sha256.hex(bytes), stored)));
        VerifiedBlockIndex.Derived derived = VerifiedBlockIndex.derive(trace, imported.root()).orElseThrow();
        return new Derived(VerifiedBlockIndex.of(List.of(derived)), imported.root(), file, bytes, stored, reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubo", "ipfs-car"})
    void aFileStreamsToItsBytesAndEveryBlockMatchesTheImportersInOrder(String preset) throws Exception {
        Derived derived = derive(preset);
        int budget = VerifiedBlockStream.availableKib();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = VerifiedBlockStream.writeFile(derived.index(), derived.file(), out);

        assertThat(written).isEqualTo(derived.bytes().length);
        assertThat(out.toByteArray()).isEqualTo(derived.bytes());
        List<Cid> order = new ArrayList<>(List.of(derived.root()));
        VerifiedBlockStream.below(derived.index(), derived.root(), order, new java.util.HashSet<>(order));
        assertThat(order.size()).as("the directory, the file's nodes and leaves, the checksum").isGreaterThan(5);
        List<Cid> streamed = new ArrayList<>();
        VerifiedBlockStream.forEach(derived.index(), order, block -> {
            assertThat(block.data()).isEqualTo(derived.reference().fetch(block.cid()).orElseThrow());
            streamed.add(block.cid());
        });
        assertThat(streamed).isEqualTo(order);
        ByteArrayOutputStream viaReassembler = new ByteArrayOutputStream();
        new Reassembler().writeFile(derived.root(), TraceEntry.TRACE_FILE, derived.index(), viaReassembler);
        assertThat(viaReassembler.toByteArray()).isEqualTo(derived.bytes());
        assertThat(VerifiedBlockStream.availableKib()).as("read-ahead budget returned").isEqualTo(budget);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubo", "ipfs-car"})
    void bytesChangedOnDiskStopTheStreamBeforeAnyOfThemIsWritten(String preset) throws Exception {
        Derived derived = derive(preset);
        int budget = VerifiedBlockStream.availableKib();
        long at = derived.bytes().length - 100_000L;
        try (RandomAccessFile file = new RandomAccessFile(derived.stored().toFile(), "rw")) {
            file.seek(at);
            file.write(new byte[] {(byte) (derived.bytes()[(int) at] ^ 1)});
        }
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        assertThatThrownBy(() -> VerifiedBlockStream.writeFile(derived.index(), derived.file(), received))
                .isInstanceOf(CorruptContentException.class);

        assertThat(received.size()).as("only bytes before the changed block").isLessThanOrEqualTo((int) at);
        byte[] sent = received.toByteArray();
        assertThat(sent).isEqualTo(java.util.Arrays.copyOf(derived.bytes(), sent.length));
        assertThat(VerifiedBlockStream.availableKib()).as("read-ahead budget returned").isEqualTo(budget);
    }

    @org.junit.jupiter.api.Test
    void aWriterThatFailsStopsTheStreamAndReturnsTheBudget() throws Exception {
        Derived derived = derive("kubo");
        int budget = VerifiedBlockStream.availableKib();
        OutputStream failing = new OutputStream() {
            private long count;

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count += len;
                if (count > 1 << 20) {
                    throw new IllegalStateException("client went away");
                }
            }
        };

        assertThatThrownBy(() -> VerifiedBlockStream.writeFile(derived.index(), derived.file(), failing))
                .hasMessageContaining("client went away");
        assertThat(VerifiedBlockStream.availableKib()).isEqualTo(budget);
    }
}
