package org.phasic.traces.domain.registry;

import java.util.Objects;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * A trace id: {@code [a-z0-9][a-z0-9_.-]{0,127}}. Validated before it is used anywhere near a path, so an id
 * can never name a parent folder, an absolute path or a file outside its folder.
 */
public final class TraceId implements Comparable<TraceId> {
    /** The longest id accepted. */
    public static final int MAX_LENGTH = 128;

    private final String value;

    private TraceId(String value) {
        this.value = value;
    }

    /** Parses {@code text}, or throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static TraceId of(String text) {
        Objects.requireNonNull(text, "trace id");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("invalid trace id: it is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("invalid trace id: " + text.length() + " characters, at most " + MAX_LENGTH + " allowed");
        }
        if (!matches(text)) {
            throw new IllegalArgumentException("invalid trace id '" + UntrustedText.printable(text)
                    + "': use lower-case letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
        return new TraceId(text);
    }

    /** Whether {@code text} is a valid id. */
    public static boolean isValid(String text) {
        return text != null && text.length() <= MAX_LENGTH && matches(text);
    }

    /** Whether {@code text} is of the form {@code [a-z0-9][a-z0-9_.-]{0,127}} (without a regular expression: ids are checked by the thousand). */
    private static boolean matches(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && (i == 0 || (c != '_' && c != '.' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    public String value() {
        return value;
    }

    @Override
    public int compareTo(TraceId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TraceId that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
