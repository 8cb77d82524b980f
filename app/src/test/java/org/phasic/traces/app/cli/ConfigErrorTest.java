package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.phasic.traces.app.testing.CliRun;

/**
 * Every configuration problem is refused when the configuration is read: one line naming the key, the value and where
 * it came from, one hint line, exit code 2 — whatever the command, and before anything is wired or fetched.
 */
class ConfigErrorTest {
    private static final String HOME = "{home}";

    @TempDir
    Path userHome;

    static Stream<Arguments> badSettings() {
        return Stream.of(
                bad(Map.of(), List.of("--set", "registry.repo=not a repo", "list"),
                        "'not a repo' for registry.repo (from flag --set registry.repo)", "owner/name"),
                bad(Map.of(), List.of("--set", "gateway.urls=notaurl", "list"),
                        "'notaurl' for gateway.urls (from flag --set gateway.urls)", "http(s) URLs"),
                bad(Map.of(), List.of("--set", "registry.branch=../../x y", "list"),
                        "'../../x y' for registry.branch (from flag --set registry.branch)", "a branch name"),
                bad(Map.of(), List.of("--set", "ipfs.api=garbage", "list"),
                        "'garbage' for ipfs.api (from flag --set ipfs.api)", "a multiaddr"),
                bad(Map.of("PHASIC_TRACES_REGISTRY_REPO", "bad repo"), List.of("--offline", "list"),
                        "'bad repo' for registry.repo (from env PHASIC_TRACES_REGISTRY_REPO)", "owner/name"),
                bad(Map.of(), List.of("--set", "install.jobs=0", "install"),
                        "'0' for install.jobs (from flag --set install.jobs)", "a whole number from 1 to 64"),
                bad(Map.of(), List.of("--set", "cache.jobs=1000", "list"),
                        "'1000' for cache.jobs (from flag --set cache.jobs)", "a whole number from 1 to 64"),
                bad(Map.of(), List.of("--set", "gateway.retries=99", "get", "kingman_n3"),
                        "'99' for gateway.retries (from flag --set gateway.retries)", "from 0 to 20"),
                bad(Map.of(), List.of("--set", "registry.maxBytes=0", "list"),
                        "'0' for registry.maxBytes (from flag --set registry.maxBytes)", "a size from 1 byte to 2147483647 bytes"),
                bad(Map.of(), List.of("--set", "registry.maxBytes=lots", "list"),
                        "'lots' for registry.maxBytes (from flag --set registry.maxBytes)", "a size from 1 byte to 2147483647 bytes"),
                bad(Map.of(), List.of("--set", "gateway.maxBytes=4GB", "list"),
                        "'4GB' for gateway.maxBytes (from flag --set gateway.maxBytes)",
                        "a size from 1 byte to 1 TiB (bytes, or with KiB, MiB, GiB or TiB, e.g. 256MiB)"),
                bad(Map.of(), List.of("--set", "gateway.maxBytes=2TiB", "list"),
                        "'2TiB' for gateway.maxBytes (from flag --set gateway.maxBytes)", "a size from 1 byte to 1 TiB"),
                bad(Map.of(), List.of("--set", "store.maxExtraBytes=99999999999TiB", "list"),
                        "'99999999999TiB' for store.maxExtraBytes (from flag --set store.maxExtraBytes)", "a size from 0 bytes to 1 TiB"),
                bad(Map.of("PHASIC_TRACES_RELAUNCH_BYTES", "1.5GB"), List.of("get", "kingman_n3"),
                        "'1.5GB' for relaunch.bytes (from env PHASIC_TRACES_RELAUNCH_BYTES)", "a size from 0 bytes to 1 TiB"),
                bad(Map.of(), List.of("--set", "install.jobs=-3", "install"),
                        "'-3' for install.jobs (from flag --set install.jobs)", "a whole number from 1 to 64"),
                bad(Map.of(), List.of("--set", "gateway.connectTimeout=0s", "list"),
                        "'0s' for gateway.connectTimeout (from flag --set gateway.connectTimeout)", "above zero"),
                bad(Map.of(), List.of("--set", "s3.bucket=Not_A_Bucket", "list"),
                        "'Not_A_Bucket' for s3.bucket (from flag --set s3.bucket)", "3 to 63 characters"),
                bad(Map.of(), List.of("--set", "gcs.prefix=../up", "list"),
                        "'../up' for gcs.prefix (from flag --set gcs.prefix)", "a relative path"),
                bad(Map.of(), List.of("--set", "registry.url=ftp://example.org/r.json", "list"),
                        "for registry.url (from flag --set registry.url)", "an http(s):// or file: URL"),
                bad(Map.of(), List.of("--home", "", "list"), "the home folder is empty (from flag --home)", ""),
                bad(Map.of(), List.of("--home", HOME + "/a-file", "list"), "a-file (from flag --home) is not a folder", ""),
                bad(Map.of("PHASIC_TRACES_HOME", HOME + "/a-file"), List.of("list"),
                        "a-file (from env PHASIC_TRACES_HOME) is not a folder", ""),
                bad(Map.of(), List.of("--set", "registry.rpo=x", "list"),
                        "unknown configuration key 'registry.rpo' in --set registry.rpo", "did you mean 'registry.repo'?"));
    }

    private static Arguments bad(Map<String, String> environment, List<String> args, String message, String expected) {
        return Arguments.of(String.join(" ", args), environment, args, message, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadSettingIsOneLineNamingKeyValueAndOriginWithAHint(String name, Map<String, String> environment, List<String> args,
                                                               String message, String expected) throws Exception {
        Files.writeString(userHome.resolve("a-file"), "not a folder");
        CliRun run = CliRun.run(resolve(environment), userHome, args.stream().map(this::resolve).toList());

        assertOneLineConfigError(run);
        assertThat(run.err().lines().findFirst().orElseThrow()).contains(message);
        assertThat(run.err()).contains(expected);
        assertThat(run.err()).doesNotContain("--jobs", "known keys:");
    }

    @Test
    void anUnreadableHomeIsOneLine() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads every folder");
        Path home = Files.createDirectories(userHome.resolve("locked"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("---------"));
        try {
            CliRun run = CliRun.run(Map.of(), userHome, "--home", home.toString(), "list");

            assertOneLineConfigError(run);
            assertThat(run.err()).contains(home + " (from flag --home) is not readable and writable", "chmod");
        } finally {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aMalformedConfigFileIsOneLineWithARealExample() throws Exception {
        Path home = Files.createDirectories(userHome.resolve("h"));
        Files.writeString(home.resolve("config.yaml"), "registry: [unclosed\n  repo: x\n");

        CliRun run = CliRun.run(Map.of(), userHome, "--home", home.toString(), "list");

        assertOneLineConfigError(run);
        assertThat(run.err()).contains("cannot parse " + home.resolve("config.yaml")).doesNotContain("\\n");
    }

    @Test
    void aConfigFileThatIsNotAMappingShowsAnExampleOnOneLine() throws Exception {
        Path home = Files.createDirectories(userHome.resolve("h"));
        Files.writeString(home.resolve("config.yaml"), "- just\n- a list\n");

        CliRun run = CliRun.run(Map.of(), userHome, "--home", home.toString(), "list");

        assertOneLineConfigError(run);
        assertThat(run.err()).contains("registry: {repo: owner/name}").doesNotContain("\\n");
    }

    @Test
    void aBadValueInTheConfigFileNamesTheFile() throws Exception {
        Path home = Files.createDirectories(userHome.resolve("h"));
        Files.writeString(home.resolve("config.yaml"), "install:\n  jobs: 0\n");

        CliRun run = CliRun.run(Map.of(), userHome, "--home", home.toString(), "install");

        assertOneLineConfigError(run);
        assertThat(run.err()).contains("'0' for install.jobs (from file " + home.resolve("config.yaml") + ")");
    }

    @Test
    void anUnknownCommandOrOptionSuggestsTheClosest() {
        CliRun command = CliRun.run(Map.of(), userHome, "lsit");
        CliRun option = CliRun.run(Map.of(), userHome, "list", "--jsno");

        assertThat(command.code()).isEqualTo(ExitCode.USAGE);
        assertThat(command.err()).startsWith("phasic-traces: unknown command 'lsit'").contains("hint: did you mean 'list'?");
        assertThat(option.code()).isEqualTo(ExitCode.USAGE);
        assertThat(option.err()).startsWith("phasic-traces: Unknown option: '--jsno'").contains("hint: did you mean '--json'?");
    }

    @Test
    void aMisspeltOptionIsNamedBeforeTheParameterItLeftMissing() {
        CliRun misspelt = CliRun.run(Map.of(), userHome, "get", "--hlep");
        CliRun missing = CliRun.run(Map.of(), userHome, "get");

        assertThat(misspelt.code()).isEqualTo(ExitCode.USAGE);
        assertThat(misspelt.err()).startsWith("phasic-traces: Unknown option: '--hlep'")
                .contains("hint: did you mean '--help'? see 'phasic-traces get --help'");
        assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).startsWith("phasic-traces: Missing required parameter: 'ID'");
    }

    private static void assertOneLineConfigError(CliRun run) {
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.USAGE);
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as(run.err()).hasSize(2);
        assertThat(lines.get(0)).startsWith("phasic-traces: ");
        assertThat(lines.get(1)).startsWith("  hint: ");
        assertThat(run.out()).isEmpty();
    }

    private Map<String, String> resolve(Map<String, String> environment) {
        return environment.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> resolve(e.getValue())));
    }

    private String resolve(String arg) {
        return arg.replace(HOME, userHome.toString());
    }
}
