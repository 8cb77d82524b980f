package org.phasic.traces.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TraceIdTest {
    private static final Pattern DOCUMENTED = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");

    @Test
    void acceptsExactlyTheDocumentedForm() {
        Random random = new Random(128);
        String alphabet = "az09_.-AZ/\\ \u00e9\u0663\n";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(10) == 0 ? 120 + random.nextInt(20) : random.nextInt(6);
            for (int j = 0; j < length; j++) {
                text.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) ('a' + random.nextInt(3)));
            }
            String id = text.toString();
            boolean documented = DOCUMENTED.matcher(id).matches();
            assertThat(TraceId.isValid(id)).as("'%s'", id).isEqualTo(documented);
            if (documented) {
                assertThat(TraceId.of(id).value()).isEqualTo(id);
            } else {
                assertThatThrownBy(() -> TraceId.of(id)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid trace id");
            }
        }
    }

    @Test
    void saysWhatIsWrong() {
        assertThatThrownBy(() -> TraceId.of("")).hasMessage("invalid trace id: it is empty");
        assertThatThrownBy(() -> TraceId.of("a".repeat(129))).hasMessage("invalid trace id: 129 characters, at most 128 allowed");
        assertThatThrownBy(() -> TraceId.of("../x")).hasMessageContaining("'../x': use lower-case letters");
        assertThat(TraceId.of("a".repeat(128)).value()).hasSize(128);
    }
}
