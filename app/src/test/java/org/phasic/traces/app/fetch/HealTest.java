package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;

/** A damaged object in the store is detected on the next read, reported, removed and fetched again. */
class HealTest {
    private static final String ID = "kingman_n5_theta1";

    @TempDir
    Path temp;

    enum Damage {
        FLIPPED_BYTE("SHA-256 is ") {
            @Override
            byte[] apply(byte[] good) {
                byte[] bad = good.clone();
                bad[bad.length / 2] ^= 0x40;
                return bad;
            }
        },
        TRUNCATED("size is ") {
            @Override
            byte[] apply(byte[] good) {
                return Arrays.copyOf(good, good.length - 7);
            }
        },
        EMPTIED("size is 0 bytes") {
            @Override
            byte[] apply(byte[] good) {
                return new byte[0];
            }
        };

        final String reason;

        Damage(String reason) {
            this.reason = reason;
        }

        abstract byte[] apply(byte[] good);
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedTraceFileIsDetectedReportedAndFetchedAgain(Damage damage) throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        Path stored = cli.run("--offline", "get", ID).firstLine();
        byte[] good = Files.readAllBytes(stored);
        stored.toFile().setWritable(true);
        Files.write(stored, damage.apply(good));

        CliRun again = cli.run("--offline", "get", ID);

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("local store: " + ID + "/trace.json.gz was damaged (" + damage.reason)
                .contains("fetching it again").contains("from bundled library, verified");
        assertThat(again.firstLine()).isEqualTo(stored);
        assertThat(Files.readAllBytes(stored)).isEqualTo(good);
        StoreAssertions.assertOneCleanCopy(cli, ID);
    }

    @ParameterizedTest
    @EnumSource(value = Damage.class, names = "FLIPPED_BYTE")
    void aDamagedMetadataFileIsHealedToo(Damage damage) throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        Path trace = cli.run("--offline", "get", ID).firstLine();
        Path metadata = cli.storeEntries("objects").stream().map(name -> cli.store().resolve("objects").resolve(name))
                .filter(path -> !path.equals(trace)).findFirst().orElseThrow();
        byte[] good = Files.readAllBytes(metadata);
        metadata.toFile().setWritable(true);
        Files.write(metadata, damage.apply(good));

        CliRun again = cli.run("--offline", "get", ID);

        assertThat(again.err()).contains(ID + "/metadata.json was damaged (" + damage.reason);
        assertThat(Files.readAllBytes(metadata)).isEqualTo(good);
        StoreAssertions.assertOneCleanCopy(cli, ID);
    }
}
