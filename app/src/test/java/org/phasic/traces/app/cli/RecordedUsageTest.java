package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage recorded by the build is what picocli prints for the same command line when output is not a terminal. */
class RecordedUsageTest {
    @TempDir
    Path userHome;

    @Test
    void theRecordIsWhatPicocliPrints() {
        StringWriter out = new StringWriter();
        int code = Main.parsed(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                Map.of(), userHome);

        assertThat(code).isZero();
        assertThat(RecordedUsage.forArguments(new String[] {"--help"}, Map.of())).contains(out.toString());
        assertThat(RecordedUsage.forArguments(new String[] {"-h"}, Map.of())).contains(out.toString());
        assertThat(out.toString()).startsWith("Usage: phasic-traces").contains("Commands:").contains("get");
    }

    @Test
    void onlyTheBareHelpOfTheToolIsRecorded() {
        assertThat(RecordedUsage.forArguments(new String[] {"get", "--help"}, Map.of())).isEmpty();
        assertThat(RecordedUsage.forArguments(new String[] {"--help", "--debug"}, Map.of())).isEmpty();
        assertThat(RecordedUsage.forArguments(new String[] {"help"}, Map.of())).isEmpty();
        assertThat(RecordedUsage.forArguments(new String[] {"--help"}, Map.of("CLICOLOR_FORCE", "1"))).isEmpty();
    }
}
