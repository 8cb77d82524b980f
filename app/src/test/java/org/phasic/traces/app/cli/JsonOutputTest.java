package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;

/** {@code --json} on the commands that print results: one JSON document on standard output, snake_case keys. */
class JsonOutputTest {
    private static final String ID = "kingman_n3_theta1";

    @TempDir
    Path userHome;

    private JsonNode json(int code, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--offline"));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(Map.of(), userHome, all);
        assertThat(run.code()).as(run.err()).isEqualTo(code);
        JsonNode node = new ObjectMapper().readTree(run.out());
        assertSnakeCase(node);
        return node;
    }

    private static void assertSnakeCase(JsonNode node) {
        node.fieldNames().forEachRemaining(name -> assertThat(name).matches("[a-z][a-z0-9_]*"));
        node.forEach(JsonOutputTest::assertSnakeCase);
    }

    @Test
    void installListsEveryItemWithItsStatus() throws Exception {
        JsonNode first = json(0, "install", ID, "--json");
        JsonNode again = json(0, "install", ID, "--json");
        JsonNode unknown = json(2, "install", "kingman_n3_theta", "--json");

        assertThat(first.get("done").asInt()).isEqualTo(1);
        assertThat(first.get("items").get(0).get("id").asText()).isEqualTo(ID);
        assertThat(first.get("items").get(0).get("status").asText()).isEqualTo("done");
        assertThat(first.get("items").get(0).get("served_by").asText()).isEqualTo("bundled library");
        assertThat(again.get("skipped").asInt()).isEqualTo(1);
        assertThat(unknown.get("failed").asInt()).isEqualTo(1);
        assertThat(unknown.get("items").get(0).get("error").asText()).contains("did you mean '" + ID + "'?");
    }

    @Test
    void pinGcAndStoreRmReportWhatTheyDid() throws Exception {
        json(0, "install", ID, "kingman_n5_theta1", "--json");

        JsonNode pins = json(0, "pin", ID, "--json");
        JsonNode gc = json(0, "gc", "--dry-run", "--json");
        JsonNode removed = json(0, "store", "rm", ID, "--json");
        JsonNode none = json(0, "pin", "--json");

        assertThat(pins.get("pins")).hasSize(1);
        assertThat(pins.get("pins").get(0).asText()).isEqualTo(ID);
        assertThat(gc.get("dry_run").asBoolean()).isTrue();
        assertThat(gc.get("traces")).isEmpty();
        assertThat(removed.get("dry_run").asBoolean()).isFalse();
        assertThat(removed.get("traces").get(0).asText()).isEqualTo(ID);
        assertThat(removed.get("files").asInt()).isPositive();
        assertThat(none.get("pins")).isEmpty();
    }

    @Test
    void verifyReportsTheStoreAndPhasicsCache() throws Exception {
        json(0, "install", ID, "--json");
        Path phasicFile = userHome.resolve(".phasic_traces/traces/kingman_n5_theta1/trace.json.gz");
        Files.createDirectories(phasicFile.getParent());
        Files.write(phasicFile, new byte[] {1, 2, 3});

        JsonNode store = json(0, "verify", "--json");
        JsonNode cache = json(1, "verify", "--phasic-cache", "--json");

        assertThat(store.get("intact").asBoolean()).isTrue();
        assertThat(store.get("problems")).isEmpty();
        assertThat(cache.get("bad").asInt()).isEqualTo(1);
        assertThat(cache.get("files")).anySatisfy(file -> {
            assertThat(file.get("id").asText()).isEqualTo("kingman_n5_theta1");
            assertThat(file.get("status").asText()).isEqualTo("bad");
        });
    }

    @Test
    void cidAndRegistryUpdatePrintJson() throws Exception {
        Path file = Files.writeString(userHome.resolve("hello.txt"), "hello\n");

        JsonNode cid = json(0, "cid", file.toString(), "--json");
        JsonNode update = json(0, "registry", "update", "--json");

        assertThat(cid.get("cid").asText()).isEqualTo("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN");
        assertThat(cid.get("cid_version").asInt()).isZero();
        assertThat(update.get("outcome").asText()).isEqualTo("offline");
        assertThat(update.get("traces").asInt()).isPositive();
    }

    @Test
    void registryInitAndConfigEditsPrintJson() throws Exception {
        JsonNode init = json(0, "registry", "init", userHome.resolve("reg").toString(), "--json");
        JsonNode set = json(0, "config", "set", "github.token", "ghp_jsonsecret", "--json");
        JsonNode unset = json(0, "config", "unset", "github.token", "--json");

        assertThat(init.get("directory").asText()).isEqualTo(userHome.resolve("reg").toString());
        assertThat(init.get("files")).anySatisfy(file -> assertThat(file.asText()).isEqualTo("registry.json"));
        assertThat(set.get("key").asText()).isEqualTo("github.token");
        assertThat(set.get("value").asText()).isEqualTo("****");
        assertThat(set.get("changed").asBoolean()).isTrue();
        assertThat(unset.get("changed").asBoolean()).isTrue();
        assertThat(unset.get("file").asText()).isEqualTo(userHome.resolve(".phasic_traces/config.yaml").toString());
    }
}
