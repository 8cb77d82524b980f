package org.phasic.traces.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.RegistryValidator;

class RegistryScaffoldTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00.123Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private final JacksonRegistryCodec codec = new JacksonRegistryCodec();

    /** git with no global or system configuration, so the identity fallback is exercised. */
    private GitCommand isolatedGit() {
        return new GitCommand("git", Map.of("HOME", temp.toString(), "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_CONFIG_GLOBAL", temp.resolve("no-global-gitconfig").toString(), "XDG_CONFIG_HOME", temp.toString()));
    }

    private RegistryScaffold scaffold(GitCommand git) {
        return new RegistryScaffold(codec, CLOCK, git);
    }

    @Test
    void scaffoldedRegistryPassesTheStrictValidator() throws Exception {
        Path dir = temp.resolve("my-registry");

        RegistryScaffold.Result result = scaffold(new GitCommand("no-such-git-for-this-test", Map.of()))
                .init(dir, RegistryScaffold.Options.defaults().withRepository("alice/traces"));

        Registry registry = codec.read(Files.readAllBytes(dir.resolve("registry.json")));
        assertThat(new RegistryValidator().validate(registry)).isEmpty();
        assertThat(registry.version()).isEqualTo("1.0.0");
        assertThat(registry.updated()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(registry.traces()).isEmpty();
        assertThat(registry.collections()).isEmpty();
        assertThat(Files.readString(dir.resolve("registry.json"))).isEqualTo("""
                {
                  "version": "1.0.0",
                  "updated": "2026-03-01T12:00:00Z",
                  "traces": {},
                  "collections": {},
                  "pinning_services": {
                    "pinata": {
                      "api_url": "https://api.pinata.cloud",
                      "gateway": "https://gateway.pinata.cloud"
                    },
                    "web3storage": {
                      "api_url": "https://api.web3.storage",
                      "gateway": "https://w3s.link"
                    }
                  }
                }
                """);
        assertThat(result.files()).extracting(Path::toString).containsExactly("registry.json", "README.md", "CONTRIBUTING.md",
                ".gitignore", ".github/workflows/validate.yml", ".github/workflows/health.yml");
        assertThat(result.committed()).isFalse();
        assertThat(result.gitNote()).contains("not found on the PATH");
        assertThat(dir.resolve(".git")).doesNotExist();
    }

    @Test
    void pinningServicesMatchTheLiveRegistry() {
        Registry live = codec.read(LiveRegistry.bytes());

        assertThat(scaffold(isolatedGit()).initialRegistry().pinningServices()).isEqualTo(live.pinningServices());
    }

    @Test
    void documentsNameTheRepositoryAndTheCommands() throws Exception {
        Path dir = temp.resolve("r");
        RegistryScaffold.Options options = new RegistryScaffold.Options(Optional.of("alice/traces"),
                Optional.of("https://github.com/example/phasic-traces.git"), "v1.2", false);

        scaffold(new GitCommand("no-such-git-for-this-test", Map.of())).init(dir, options);

        String readme = Files.readString(dir.resolve("README.md"));
        String contributing = Files.readString(dir.resolve("CONTRIBUTING.md"));
        String workflow = Files.readString(dir.resolve(".github/workflows/validate.yml"));
        assertThat(readme).contains("# alice/traces", "phasic-traces --set registry.repo=alice/traces --set registry.branch=master list",
                "phasic-traces show TRACE_ID", "phasic-traces registry validate registry.json");
        assertThat(contributing).contains("publish my_trace.json --id my_trace_id --metadata metadata.yaml --dry-run",
                "GITHUB_TOKEN", "phasic-traces registry validate registry.json");
        assertThat(workflow).contains("on:\n  pull_request:\n", "run: phasic-traces registry validate registry.json",
                "'https://github.com/example/phasic-traces.git'", "'v1.2'", "branches: [master]");
        assertThat(readme + contributing + workflow).doesNotContainPattern("\\{\\{[A-Z_]+}}");
        assertThat(Files.readString(dir.resolve(".gitignore"))).contains("*.json.gz", "*.car");
    }

    @Test
    void theHealthWorkflowRunsDailyAndFailsWithTheHealthCommand() throws Exception {
        Path dir = temp.resolve("h");
        RegistryScaffold.Options options = new RegistryScaffold.Options(Optional.of("alice/traces"),
                Optional.of("https://github.com/example/phasic-traces.git"), "v1.2", false);
        scaffold(new GitCommand("no-such-git-for-this-test", Map.of())).init(dir, options);

        String text = Files.readString(dir.resolve(".github/workflows/health.yml"));
        JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(text);

        assertThat(text).doesNotContainPattern("\\{\\{[A-Z_]+}}");
        assertThat(workflow.get("name").asText()).isEqualTo("health");
        String cron = workflow.at("/on/schedule/0/cron").asText();
        assertThat(cron.split(" ")).as("minute and hour fixed, every day: " + cron).hasSize(5)
                .satisfies(fields -> assertThat(fields[0]).containsOnlyDigits(), fields -> assertThat(fields[1]).containsOnlyDigits())
                .endsWith("*", "*", "*");
        assertThat(workflow.get("on").has("workflow_dispatch")).isTrue();
        assertThat(workflow.at("/permissions/contents").asText()).isEqualTo("read");
        JsonNode job = workflow.at("/jobs/health");
        assertThat(job.at("/env/PHASIC_TRACES_SOURCE").asText()).contains("'https://github.com/example/phasic-traces.git'");
        assertThat(job.at("/env/PHASIC_TRACES_REF").asText()).contains("'v1.2'");
        List<String> runs = new ArrayList<>();
        job.get("steps").forEach(step -> {
            assertThat(step.has("continue-on-error")).as("a failing step fails the workflow").isFalse();
            if (step.has("run")) {
                runs.add(step.get("run").asText());
            }
        });
        assertThat(runs).anySatisfy(run -> assertThat(run).startsWith("phasic-traces ").endsWith(" health")
                .contains("registry.url=$GITHUB_WORKSPACE/registry.json"));
        assertThat(job.get("steps").findValuesAsText("uses")).contains("actions/cache/restore@v4", "actions/cache/save@v4");
        assertThat(new ObjectMapper(new YAMLFactory()).readTree(dir.resolve(".github/workflows/validate.yml").toFile())
                .at("/jobs/validate/steps").size()).isPositive();
    }

    @Test
    void nonEmptyFolderIsRefusedUnlessForced() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve("README.md"), "old");
        RegistryScaffold scaffold = scaffold(new GitCommand("no-such-git-for-this-test", Map.of()));

        assertThatThrownBy(() -> scaffold.init(dir, RegistryScaffold.Options.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining("is not empty").hasMessageContaining("--force");
        assertThat(dir.resolve("registry.json")).doesNotExist();

        scaffold.init(dir, RegistryScaffold.Options.defaults().withForce(true));

        assertThat(dir.resolve("registry.json")).exists();
        assertThat(Files.readString(dir.resolve("README.md"))).contains("# OWNER/NAME");
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void aFileInsteadOfAFolderIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> scaffold(isolatedGit()).init(file, RegistryScaffold.Options.defaults().withForce(true)))
                .isInstanceOf(IOException.class).hasMessageContaining("is a file, not a folder");
    }

    @Test
    void gitRepositoryIsInitialisedAndCommittedWithAFallbackIdentity() throws Exception {
        GitCommand git = isolatedGit();
        assumeTrue(git.available(), "git is not installed; the git step cannot be exercised");
        Path dir = temp.resolve("with-git");

        RegistryScaffold.Result result = scaffold(git).init(dir, RegistryScaffold.Options.defaults());

        assertThat(result.committed()).isTrue();
        assertThat(git.run(dir, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("master");
        assertThat(git.run(dir, "log", "--format=%an <%ae>|%s")).isEqualTo("phasic-traces <phasic-traces@localhost>|Scaffold a phasic-traces registry");
        assertThat(git.run(dir, "ls-files").lines()).containsExactlyInAnyOrder(".github/workflows/validate.yml",
                ".github/workflows/health.yml", ".gitignore",
                "CONTRIBUTING.md", "README.md", "registry.json");
        assertThat(git.run(dir, "status", "--porcelain")).isEmpty();
    }

    @Test
    void existingGitRepositoryIsLeftToTheUser() throws Exception {
        GitCommand git = isolatedGit();
        assumeTrue(git.available(), "git is not installed; the git step cannot be exercised");
        Path dir = Files.createDirectories(temp.resolve("repo"));
        git.run(dir, "init", "-q");

        RegistryScaffold.Result result = scaffold(git).init(dir, RegistryScaffold.Options.defaults().withForce(true));

        assertThat(result.committed()).isFalse();
        assertThat(result.gitNote()).contains("already a git repository");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> RegistryScaffold.Options.defaults().withRepository("not a repo"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected owner/name");
        assertThatThrownBy(() -> new RegistryScaffold.Options(Optional.empty(), Optional.of("https://x/y' && rm -rf /"), "main", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid tool source");
    }
}
