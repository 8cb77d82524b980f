package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.phasic.traces.app.testing.CliRun;

/** What a healthy store holding exactly one trace looks like from the outside. */
final class StoreAssertions {
    private StoreAssertions() {
    }

    /** One reference, its two files, no staging leftovers, no locks, and {@code verify} finds nothing wrong. */
    static void assertOneCleanCopy(Cli cli, String id) throws IOException {
        assertThat(cli.storeEntries("refs")).containsExactly(id + ".json");
        assertThat(cli.storeEntries("objects")).as("trace.json.gz and metadata.json, once").hasSize(2);
        assertThat(cli.storeEntries("tmp")).as("staging leftovers").isEmpty();
        assertThat(cli.storeEntries("locks")).as("locks left behind").isEmpty();
        CliRun verify = cli.run("--offline", "verify");
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).isEqualToIgnoringNewLines("store is intact");
    }
}
