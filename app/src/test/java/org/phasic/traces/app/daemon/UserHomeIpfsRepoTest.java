package org.phasic.traces.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.Main;

/** Without ipfs.api, IPFS_API or IPFS_PATH, the API is found in {@code ~/.ipfs/api} of the user home the CLI is given. */
class UserHomeIpfsRepoTest {
    @TempDir
    Path userHome;

    @Test
    void daemonStatusReadsTheApiFileOfTheGivenUserHome() throws Exception {
        try (FakeKuboApi api = FakeKuboApi.start()) {
            Path repo = Files.createDirectories(userHome.resolve(".ipfs"));
            Files.writeString(repo.resolve("api"), "/ip4/127.0.0.1/tcp/" + URI.create(api.url()).getPort());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int code = Main.run(new String[] {"--home", userHome.resolve("home").toString(), "daemon", "status"},
                    new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), userHome);

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("tier:     3", FakeKuboApi.VERSION, repo.toString());
        }
    }
}
