package org.phasic.traces.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The trees read without a mapper are the trees the strict mapper reads, node types and exact numbers included. */
class JsonTreesTest {
    private static JsonNode byParser(byte[] json) throws IOException {
        try (JsonParser parser = JsonTrees.strictParser(new ByteArrayInputStream(json))) {
            return JsonTrees.readDocument(parser);
        }
    }

    private static JsonNode byMapper(byte[] json) throws IOException {
        return StrictMapper.create().readTree(json);
    }

    @Test
    void theRegistryReadsAsTheMapperReadsIt() throws IOException {
        byte[] registry;
        try (InputStream in = getClass().getResourceAsStream("registry.json")) {
            registry = in.readAllBytes();
        }
        JsonNode tree = byParser(registry);

        assertThat(tree).isEqualTo(byMapper(registry));
        assertThat(tree.get("traces").size()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1.10, \"b\": [1, 2147483648, 98765432109876543210, -0.0, 1e400, 2.5E-3]}",
            "[true, false, null, \"\\u00e9\\ud83d\\ude00\", {}, [], {\"x\": {\"y\": [[]]}}]", "\"text\"", "42", "  {\"k\": \"v\"}  "})
    void valuesKeepTheirTypesAndDigits(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonNode tree = byParser(bytes);
        JsonNode reference = byMapper(bytes);

        assertThat(tree).isEqualTo(reference);
        assertThat(tree.toString()).isEqualTo(reference.toString());
        if (tree.isObject() && tree.has("b")) {
            for (int i = 0; i < tree.get("b").size(); i++) {
                assertThat(tree.get("b").get(i).getNodeType()).isEqualTo(reference.get("b").get(i).getNodeType());
                assertThat(tree.get("b").get(i).getClass()).isEqualTo(reference.get("b").get(i).getClass());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1, \"a\": 2}", "{\"a\": 1} {\"b\": 2}", "[1, 2", "{\"a\": tru}", "{\"a\": 1,}"})
    void whatTheMapperRefusesIsRefused(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> byMapper(bytes)).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> byParser(bytes)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        byte[] deep = ("[".repeat(300) + "]".repeat(300)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> byParser(deep)).hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> byMapper(deep)).hasMessageContaining("nesting depth");
    }

    @Test
    void anEmptyDocumentIsNoTree() throws IOException {
        assertThat(byParser(new byte[0])).isNull();
        assertThat(byParser("   ".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
