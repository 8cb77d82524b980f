package org.phasic.traces.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.text.UntrustedText;

class JsonPathTest {
    @Test
    void identifiersUseDotsOtherNamesAreQuoted() {
        JsonPath path = JsonPath.root().member("traces").member("coalescent_n5_theta1").member("files")
                .member("trace.json.gz").member("cid");

        assertThat(path).hasToString("$.traces.coalescent_n5_theta1.files['trace.json.gz'].cid");
        assertThat(JsonPath.root().member("collections").member("c").member("traces").index(3))
                .hasToString("$.collections.c.traces[3]");
    }

    @Test
    void hostileNamesAreEscapedAndShortened() {
        assertThat(JsonPath.root().member("it's\\\n")).hasToString("$['it\\'s\\\\\\n']");
        assertThat(JsonPath.root().member("a".repeat(500))).hasToString("$['" + "a".repeat(UntrustedText.MAX_SHOWN) + UntrustedText.CUT_MARK + "']");
    }

    @Test
    void equalPathsAreEqual() {
        assertThat(JsonPath.root().member("a").index(1)).isEqualTo(JsonPath.root().member("a").index(1))
                .hasSameHashCodeAs(JsonPath.root().member("a").index(1))
                .isNotEqualTo(JsonPath.root().member("a").index(2));
    }
}
