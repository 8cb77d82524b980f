package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.Main;
import org.phasic.traces.app.testing.CliRun;

/**
 * {@code registry update} of a document larger than the JVM's whole heap: it passes only when the download, the
 * validation and the making of the index and summaries stream the document instead of holding it (as bytes, as a
 * string or as one tree).
 */
class LargeRegistryUpdateTest {
    private static final String HEAP = "-Xmx32m";
    private static final long DOCUMENT_BYTES = 48L * 1024 * 1024;

    @TempDir
    Path temp;

    @Test
    void aRegistryLargerThanTheHeapIsUpdatedInAJvmWithASmallHeap() throws Exception {
        Path registry = temp.resolve("large-registry.json");
        int synthetic = writeLargeRegistry(registry);
        assertThat(Files.size(registry)).isGreaterThan(DOCUMENT_BYTES);
        Cli cli = new Cli(temp.resolve("home"));
        String url = "registry.url=" + registry.toUri();

        Process update = cli.java(List.of(HEAP), Main.class.getName(), List.of("--home", cli.home().toString(), "--set", url,
                "registry", "update")).redirectErrorStream(true).start();
        String output = new String(update.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(update.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(update.exitValue()).as(output).isZero();
        assertThat(output).contains("registry updated from " + registry + " (" + (synthetic + 6) + " traces)");
        CliRun show = cli.run("--offline", "--set", url, "show", "synthetic_" + synthetic / 2);
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("synthetic_" + synthetic / 2);
    }

    /** The bundled registry plus enough synthetic entries (each with a 4 KB description) to pass the size; their number. */
    private static int writeLargeRegistry(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode bundled = BundledEntries.registry();
        ObjectNode template = ((ObjectNode) bundled.get("traces").get("kingman_n10_theta1")).deepCopy();
        String text = json.writeValueAsString(bundled);
        int traces = text.indexOf("\"traces\":{") + "\"traces\":{".length();
        int count = 0;
        long written = text.length();
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file), 1 << 16)) {
            out.write(text, 0, traces);
            while (written <= DOCUMENT_BYTES) {
                template.put("description", "Synthetic trace " + count + " " + "x".repeat(4000));
                String member = "\"synthetic_" + count + "\":" + json.writeValueAsString(template) + ",";
                out.write(member);
                written += member.length();
                count++;
            }
            out.write(text, traces, text.length() - traces);
        }
        return count;
    }
}
