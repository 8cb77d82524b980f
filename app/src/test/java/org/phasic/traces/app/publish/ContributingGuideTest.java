package org.phasic.traces.app.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.Main;

/** The CONTRIBUTING.md that {@code registry init} writes tells contributors commands that really work. */
class ContributingGuideTest {
    private static final String GUIDE = "/org/phasic/traces/adapter/github/scaffold/CONTRIBUTING.md";

    @TempDir
    Path temp;

    @Test
    void theGuidesMetadataAndDryRunCommandPublishABundledTrace() throws Exception {
        String guide;
        try (InputStream in = getClass().getResourceAsStream(GUIDE)) {
            guide = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{REPO}}", "alice/traces")
                    .replace("{{BRANCH}}", "main");
        }
        String yaml = guide.substring(guide.indexOf("```yaml\n") + 8, guide.indexOf("```", guide.indexOf("```yaml\n") + 8));
        Files.writeString(temp.resolve("metadata.yaml"), yaml);
        try (InputStream gzip = new GZIPInputStream(Files.newInputStream(
                Path.of("src/bundle/kingman_n10_theta1/trace.json.gz")))) {
            Files.write(temp.resolve("my_trace.json"), gzip.readAllBytes());
        }

        List<String> args = new ArrayList<>(dryRunCommand(guide).stream()
                .map(word -> word.equals("my_trace.json") || word.equals("metadata.yaml") ? temp.resolve(word).toString() : word)
                .toList());
        args.addAll(0, List.of("--home", temp.resolve("home").toString(), "--offline"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), Map.of(),
                temp);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"my_trace_id\"", "\"checksum\": \"sha256:", "\"vertices\": 10");
    }

    /** The guide's dry-run command line (continued with a backslash), without the leading {@code phasic-traces}. */
    private static List<String> dryRunCommand(String guide) {
        List<String> lines = guide.lines().map(String::strip).toList();
        int end = 0;
        while (!lines.get(end).contains("--dry-run")) {
            end++;
        }
        String command = lines.get(end - 1).replace("\\", " ") + " " + lines.get(end);
        List<String> words = new ArrayList<>(Arrays.asList(command.trim().split("\\s+")));
        assertThat(words.remove(0)).isEqualTo("phasic-traces");
        return words;
    }
}
