package org.phasic.traces.adapter.github;

import java.util.Objects;
import java.util.regex.Pattern;
import org.phasic.traces.domain.text.UntrustedText;

/** Checks GitHub repository and branch names before they go into a URL. */
public final class GitHubNames {
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,255}");

    private GitHubNames() {
    }

    /** Checks {@code owner/name}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static void checkRepository(String repo) {
        Objects.requireNonNull(repo, "repo");
        String[] parts = repo.split("/", -1);
        if (parts.length != 2 || !OWNER.matcher(parts[0]).matches() || !REPOSITORY.matcher(parts[1]).matches()
                || parts[1].equals(".") || parts[1].equals("..")) {
            throw new IllegalArgumentException("invalid GitHub repository '" + UntrustedText.printable(repo)
                    + "': expected owner/name, e.g. munch-group/phasic-traces");
        }
    }

    /** Checks a branch name (git's ref rules, restricted to URL-safe characters); throws {@link IllegalArgumentException}. */
    public static void checkBranch(String branch) {
        Objects.requireNonNull(branch, "branch");
        if (!BRANCH.matcher(branch).matches() || branch.contains("..") || branch.contains("//") || branch.startsWith("/")
                || branch.startsWith("-") || branch.startsWith(".") || branch.endsWith("/") || branch.endsWith(".")
                || branch.endsWith(".lock") || branch.contains("/.")) {
            throw new IllegalArgumentException("invalid branch name '" + UntrustedText.printable(branch)
                    + "': use letters, digits, '.', '_', '-' and '/' (no '..', no leading '-', '.' or '/')");
        }
    }
}
