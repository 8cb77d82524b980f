package org.phasic.traces.domain.registry;

import java.util.Objects;
import java.util.regex.Pattern;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * A location in a JSON document, printed JSONPath-style: {@code $.traces.coalescent_n5_theta1.files['trace.json.gz'].cid}.
 * Member names that are not plain identifiers are quoted; untrusted names are shown safely (control characters
 * replaced, very long names shortened).
 */
public final class JsonPath {
    private static final JsonPath ROOT = new JsonPath("$");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_SHOWN_NAME = 80;

    private final String text;

    private JsonPath(String text) {
        this.text = text;
    }

    /** The document root, {@code $}. */
    public static JsonPath root() {
        return ROOT;
    }

    /** The member {@code name} of the object at this path. */
    public JsonPath member(String name) {
        Objects.requireNonNull(name, "name");
        if (name.length() <= MAX_SHOWN_NAME && IDENTIFIER.matcher(name).matches()) {
            return new JsonPath(text + "." + name);
        }
        return new JsonPath(text + "['" + quoted(name) + "']");
    }

    /** The element {@code index} of the array at this path. */
    public JsonPath index(int index) {
        return new JsonPath(text + "[" + index + "]");
    }

    private static String quoted(String name) {
        return UntrustedText.printable(name.replace("\\", "\\\\").replace("'", "\\'"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonPath that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
