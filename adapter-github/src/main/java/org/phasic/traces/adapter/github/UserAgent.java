package org.phasic.traces.adapter.github;

/** The User-Agent this adapter sends (GitHub's API requires one). */
final class UserAgent {
    static final String VALUE = "phasic-traces";

    private UserAgent() {
    }
}
