package org.phasic.traces.app.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.Checksum;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.RegistryValidator;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.unixfs.Reassembler;

class BundleBuilderTest {
    private static final Path RESOURCES = Path.of(BundleBuilder.RESOURCES).resolve(BundledLibrary.RESOURCE_DIR);
    private static BundleBuilder.Bundle built;

    @BeforeAll
    static void build() throws IOException {
        built = new BundleBuilder(new JacksonRegistryCodec(), new JacksonTraceCodec()).build(Path.of(KingmanTraces.SOURCE_DIR));
    }

    @Test
    void committedResourcesAreExactlyWhatTheBuilderMakes() throws IOException {
        assertThat(Files.readAllBytes(RESOURCES.resolve("registry.json")))
                .as("registry.json differs from the sources: rebuild with BundleBuilder").isEqualTo(built.registryJson());
        assertThat(Files.readAllBytes(RESOURCES.resolve("traces.car")))
                .as("traces.car differs from the sources: rebuild with BundleBuilder").isEqualTo(built.car());
    }

    @Test
    void buildingTwiceGivesTheSameBytes() throws IOException {
        BundleBuilder.Bundle again = new BundleBuilder(new JacksonRegistryCodec(), new JacksonTraceCodec())
                .build(Path.of(KingmanTraces.SOURCE_DIR));
        assertThat(again.car()).isEqualTo(built.car());
        assertThat(again.registryJson()).isEqualTo(built.registryJson());
    }

    @Test
    void registryIsValidAndListsEverySourceFolder() throws IOException {
        Registry registry = built.registry();
        assertThat(new RegistryValidator().validate(registry)).isEmpty();
        assertThat(registry.traces().keySet()).extracting(Object::toString).containsExactly("coalescent_n5_theta1",
                "kingman_n10_theta1", "kingman_n15_theta1", "kingman_n20_theta1", "kingman_n3_theta1", "kingman_n5_theta1");
        assertThat(registry.collections().get(BundleBuilder.KINGMAN_COLLECTION).traces()).hasSize(5);
        TraceEntry published = registry.find(TraceId.of("coalescent_n5_theta1")).orElseThrow();
        assertThat(published.description()).contains("superseded by kingman_n5_theta1");
        assertThat(published.supersededBy()).isEqualTo("kingman_n5_theta1");
        assertThat(published.warning()).contains("coalescent_n5_theta1 is superseded by kingman_n5_theta1: it counts every"
                + " parameterized edge twice, so densities are (2+\u03b8)\u00d7 too high");
        assertThat(registry.traces().values()).filteredOn(e -> e.warning().isPresent()).containsExactly(published);
    }

    @Test
    void everyEntryReassemblesFromTheCarAndMatchesItsChecksumSizesAndCids() throws Exception {
        MemoryBlockStore blocks = new MemoryBlockStore();
        try (CarReader car = new CarReader(new ByteArrayInputStream(built.car()))) {
            assertThat(car.roots()).hasSize(2);
            for (Block block = car.next(); block != null; block = car.next()) {
                blocks.accept(block);
            }
        }
        Reassembler reassembler = new Reassembler();
        for (TraceEntry entry : built.registry().traces().values()) {
            Cid root = Cid.parse(entry.cid());
            ByteArrayOutputStream trace = new ByteArrayOutputStream();
            reassembler.writeFile(root, TraceEntry.TRACE_FILE, blocks, trace);
            byte[] bytes = trace.toByteArray();
            assertThat(Checksum.parse(entry.checksum()).matches(Sha256.digest(bytes)))
                    .as(entry.id() + " checksum").isTrue();
            assertThat(entry.files().get(TraceEntry.TRACE_FILE).sizeBytes()).isEqualTo(bytes.length);
            assertThat(reassembler.resolve(root, TraceEntry.TRACE_FILE, blocks).toString())
                    .isEqualTo(entry.files().get(TraceEntry.TRACE_FILE).cid());
            new JacksonTraceCodec().read(new ByteArrayInputStream(bytes));
            ByteArrayOutputStream checksumFile = new ByteArrayOutputStream();
            reassembler.writeFile(root, BundleBuilder.CHECKSUM_FILE, blocks, checksumFile);
            assertThat(checksumFile.toString()).isEqualTo(entry.checksum().substring("sha256:".length()) + "  trace.json.gz\n");
        }
    }
}
