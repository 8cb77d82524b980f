package org.phasic.traces.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.registry.RegistryDefect;
import org.phasic.traces.domain.registry.RegistryValidator;

/** The strict validator on the real registry: exactly its known defects, nothing else. */
class LiveRegistryValidationTest {
    @Test
    void reportsTheTenMockFileCidsAndThePlaceholderCollectionCidOnly() {
        List<RegistryDefect> defects = new RegistryValidator().validate(new JacksonRegistryCodec().read(LiveRegistry.bytes()));

        assertThat(defects).extracting(RegistryDefect::jsonPath).containsExactly(
                "$.traces.coalescent_n10_theta1.files['trace.json.gz'].cid",
                "$.traces.coalescent_n10_theta1.files['metadata.json'].cid",
                "$.traces.coalescent_n15_theta1.files['trace.json.gz'].cid",
                "$.traces.coalescent_n15_theta1.files['metadata.json'].cid",
                "$.traces.coalescent_n20_theta1.files['trace.json.gz'].cid",
                "$.traces.coalescent_n20_theta1.files['metadata.json'].cid",
                "$.traces.coalescent_n3_theta1.files['trace.json.gz'].cid",
                "$.traces.coalescent_n3_theta1.files['metadata.json'].cid",
                "$.traces.coalescent_n5_theta1.files['trace.json.gz'].cid",
                "$.traces.coalescent_n5_theta1.files['metadata.json'].cid",
                "$.collections.coalescent_basic.cid");
        assertThat(defects.get(0).message()).startsWith("invalid CID \"bafybei76984a2c7ad3e5dc655b5d6092f934e829845ff09ce8c47b\"");
        assertThat(defects.get(10).message()).startsWith("invalid CID \"bafybei000000000000000000000000000000000000000000000000\"");
    }
}
