package org.phasic.traces.app.cli;

import java.util.Set;

/** What the direct paths' parsers of plain command lines share: the global flags, and what a plain word is. */
final class PlainArguments {
    private PlainArguments() {
    }

    /**
     * Records the global flag {@code flag} ({@code -q} as {@code --quiet}).
     *
     * @return false when it was given already (picocli decides such a command line)
     */
    static boolean addGlobalFlag(Set<String> flags, String flag) {
        return flags.add(flag.equals("-q") ? "--quiet" : flag);
    }

    /** Whether {@code arg} is a plain word: not empty, not an option, not an argument file. */
    static boolean isWord(String arg) {
        return !arg.isEmpty() && !arg.startsWith("-") && !arg.startsWith("@");
    }
}
