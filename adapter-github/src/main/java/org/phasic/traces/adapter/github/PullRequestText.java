package org.phasic.traces.adapter.github;

import java.util.Map;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.ports.out.RegistryChange;

/** The pull request description and the manual instructions for a registry change. */
final class PullRequestText {
    private PullRequestText() {
    }

    /** The pull request body: notes, a summary table of the entry and its CIDs, how it was verified, the JSON. */
    static String body(RegistryChange change, JacksonRegistryCodec codec) {
        TraceEntry entry = change.entry();
        StringBuilder text = new StringBuilder();
        if (!change.notes().isBlank()) {
            text.append(change.notes().strip()).append("\n\n");
        }
        text.append(change.mode() == RegistryChange.Mode.ADD ? "Adds" : "Updates").append(" trace `").append(entry.id())
                .append("` in `registry.json`.\n\n");
        text.append("| | |\n|---|---|\n");
        row(text, "id", code(entry.id().value()));
        row(text, "directory CID", code(entry.cid()));
        for (Map.Entry<String, FileRef> file : entry.files().entrySet()) {
            FileRef ref = file.getValue();
            row(text, code(file.getKey()), code(ref.cid()) + (ref.sizeBytes() == null ? "" : ", " + ref.sizeBytes() + " bytes"));
        }
        row(text, "checksum", code(entry.checksum()));
        if (entry.graphHash() != null) {
            row(text, "graph hash", code(entry.graphHash()));
        }
        row(text, "license", entry.license() == null ? "-" : entry.license());
        TraceMetadata metadata = entry.metadata();
        if (metadata != null) {
            row(text, "model", nullToDash(metadata.modelType()) + " / " + nullToDash(metadata.domain())
                    + (metadata.variant() == null ? "" : " / " + metadata.variant()));
            row(text, "size", metadata.paramLength() + " parameter(s), " + metadata.vertices() + " vertices");
        }
        row(text, "description", nullToDash(entry.description()).replace("|", "\\|"));
        text.append("\n### How it was verified\n\n");
        if (change.verification().isEmpty()) {
            text.append("- (no verification steps were reported)\n");
        }
        change.verification().forEach(line -> text.append("- ").append(line).append('\n'));
        text.append("\n### Registry entry\n\n```json\n").append(codec.entrySnippet(entry)).append("```\n\n")
                .append("Opened with `phasic-traces publish`. Reviewers: `phasic-traces registry validate registry.json` checks the file.\n");
        return text.toString();
    }

    /** What to do by hand when there is no token. */
    static String manualInstructions(RegistryChange change, JacksonRegistryCodec codec, String webBaseUrl, String now) {
        TraceEntry entry = change.entry();
        String repo = change.repository();
        String base = change.baseBranch();
        String branch = (change.mode() == RegistryChange.Mode.ADD ? "add-" : "update-") + entry.id().value().replaceAll("\\.+", "-");
        return """
                No GitHub token is configured (set GITHUB_TOKEN or GH_TOKEN to let phasic-traces open the pull request).
                To propose this trace by hand:

                  1. Fork %1$s/%2$s on GitHub (skip this if you can push to it), then:
                       git clone %1$s/<you>/%4$s && cd %4$s
                       git checkout -b %3$s origin/%5$s
                  2. In registry.json, %6$s the member below inside "traces" (ids stay in alphabetical order)
                     and set "updated" to "%7$s".
                  3. Check the file:
                       phasic-traces registry validate registry.json
                  4. Commit and push:
                       git commit -am "%8$s" && git push -u origin %3$s
                  5. Open a pull request from your branch against %2$s:%5$s titled "%8$s",
                     with the description printed below.

                --- registry.json member ---
                %9$s--- pull request description ---
                %10$s""".formatted(webBaseUrl, repo, branch, repo.substring(repo.indexOf('/') + 1), base,
                change.mode() == RegistryChange.Mode.ADD ? "add" : "replace", now, change.title(),
                codec.entrySnippet(entry), body(change, codec));
    }

    private static void row(StringBuilder text, String name, String value) {
        text.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String code(String value) {
        return value == null ? "-" : "`" + value + "`";
    }

    private static String nullToDash(String value) {
        return value == null ? "-" : value;
    }
}
