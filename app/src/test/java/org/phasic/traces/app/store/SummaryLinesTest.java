package org.phasic.traces.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceSummary;

class SummaryLinesTest {
    private static final String AWKWARD = "tab\there, line\nbreak, \r, back\\slash, \\N, \\t, \\u0041, caf\u00e9, \ud83d\ude00, lone \ud800 \udc00, trailing\\";

    @Test
    void awkwardTextNullsMissingMetadataAndTagsSurviveOneLineEach() {
        List<TraceSummary> summaries = List.of(
                new TraceSummary(TraceId.of("a_1"), "QmA", AWKWARD, null, null, "", "\\N", AWKWARD),
                new TraceSummary(TraceId.of("b_2"), null, null,
                        new TraceSummary.Metadata(null, "population-genetics", AWKWARD, null, 14_867, "", List.of()),
                        "sha256:00", "MIT", null, null),
                new TraceSummary(TraceId.of("c_3"), "QmC", "", new TraceSummary.Metadata("coalescent", "", "", 2, null, null,
                        List.of("", AWKWARD, "\\N", "x")), "", "", "", ""));
        StringBuilder text = new StringBuilder();
        summaries.forEach(summary -> SummaryLines.append(text, summary));

        assertThat(text.toString().lines().toList()).hasSize(3);
        assertThat(text.toString().lines().map(SummaryLinesTest::parse).toList()).isEqualTo(summaries);
        assertThat(parseAll(text.toString())).as("one parser over the whole file").isEqualTo(summaries);
    }

    @Test
    void generatedSummariesRoundTripLineByLineAndAsOneFile() {
        Random random = new Random(14);
        String alphabet = "ab\t\n\r\\Nu 0-\ud800\udc00";
        List<TraceSummary> all = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        for (int round = 0; round < 2_000; round++) {
            List<String> tags = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                tags.add(String.valueOf(text(random, alphabet)));
            }
            TraceSummary.Metadata metadata = random.nextBoolean() ? null : new TraceSummary.Metadata(text(random, alphabet),
                    text(random, alphabet), text(random, alphabet), random.nextBoolean() ? null : random.nextInt(3),
                    random.nextBoolean() ? null : random.nextInt(), text(random, alphabet), tags);
            TraceSummary summary = new TraceSummary(TraceId.of("t" + round % 7), text(random, alphabet), text(random, alphabet),
                    metadata, text(random, alphabet), text(random, alphabet), text(random, alphabet), text(random, alphabet));
            StringBuilder line = new StringBuilder();
            SummaryLines.append(line, summary);

            assertThat(line.indexOf("\n")).isEqualTo(line.length() - 1);
            assertThat(parse(line.substring(0, line.length() - 1))).isEqualTo(summary);
            all.add(summary);
            file.append(line);
        }
        assertThat(parseAll(file.toString())).isEqualTo(all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_1", "a_1\tQmA", "a_1\t1\t2\t3\t4\t5\t6\t7", "a_1\t\\q\t2\t3\t4\t5\t6", "a_1\t1\t2\t3\t4\t5\t6\\",
            "A_1\t1\t2\t3\t4\t5\t6", "a_1\t\\u0041\t2\t3\t4\t5\t6", "a_1\t\\ud8\t2\t3\t4\t5\t6", "a_1\t1\t2\t3\t4\t5\t6\tm\td\tv\tnot-a-number\t1\td"})
    void aLineThatIsNotASummaryIsRefused(String line) {
        assertThatThrownBy(() -> parse(line)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every line of {@code text} through one parser, which reuses what repeats from line to line. */
    private static List<TraceSummary> parseAll(String text) {
        byte[] file = text.getBytes(StandardCharsets.UTF_8);
        SummaryLines.Parser parser = new SummaryLines.Parser(file);
        List<TraceSummary> parsed = new ArrayList<>();
        for (int start = 0, end; start < file.length; start = end + 1) {
            end = start;
            while (file[end] != '\n') {
                end++;
            }
            parsed.add(parser.parse(start, end));
        }
        return parsed;
    }

    private static TraceSummary parse(String line) {
        byte[] bytes = ("ignored\n" + line + "\n").getBytes(StandardCharsets.UTF_8);
        return new SummaryLines.Parser(bytes).parse(8, bytes.length - 1);
    }

    private static String text(Random random, String alphabet) {
        if (random.nextInt(5) == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
