package org.phasic.traces.adapter.cloud;

import java.util.Collection;
import java.util.List;

/**
 * Keeps secrets out of exception messages: replaces them with {@link Secret#REDACTED} and decides
 * whether a library exception may be chained as a cause.
 */
final class Redactor {

    private static final int MIN_LENGTH = 4;
    private static final int MAX_DEPTH = 32;

    private final List<String> secrets;

    Redactor(Collection<Secret> secrets) {
        this.secrets = secrets.stream().map(Secret::reveal).filter(s -> s.length() >= MIN_LENGTH).toList();
    }

    String redact(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, Secret.REDACTED);
        }
        return out;
    }

    /** @return whether any message, in the chain or among suppressed exceptions, contains a secret */
    boolean leaks(Throwable error) {
        return leaks(error, 0);
    }

    private boolean leaks(Throwable error, int depth) {
        if (depth > MAX_DEPTH) {
            return true;
        }
        int level = depth;
        for (Throwable t = error; t != null; t = t.getCause(), level++) {
            if (level > MAX_DEPTH) {
                return true;
            }
            if (contains(t.getMessage()) || contains(t.toString())) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (leaks(suppressed, level + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return {@code error} when it is safe to chain, otherwise null */
    Throwable safeCause(Throwable error) {
        return leaks(error) ? null : error;
    }

    private boolean contains(String text) {
        return text != null && secrets.stream().anyMatch(text::contains);
    }
}
