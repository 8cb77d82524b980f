package org.phasic.traces.domain.registry;

import java.util.Objects;
import java.util.regex.Pattern;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * A location in a JSON document, printed JSONPath-style: {@code $.traces.coalescent_n5_theta1.files['trace.json.gz'].cid}.
 * Member names that are not plain identifiers are quoted; untrusted names are shown safely (control characters
 * replaced, very long names shortened). A path is a link to its parent and its last step; the text is built only when
 * asked for (readers make a path for every field they read, and print one only for a defect).
 */
public final class JsonPath {
    private static final JsonPath ROOT = new JsonPath(null, "$", -1);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_SHOWN_NAME = 80;

    private final JsonPath parent;
    private final String member;
    private final int index;
    private String text;

    private JsonPath(JsonPath parent, String member, int index) {
        this.parent = parent;
        this.member = member;
        this.index = index;
    }

    /** The document root, {@code $}. */
    public static JsonPath root() {
        return ROOT;
    }

    /** The member {@code name} of the object at this path. */
    public JsonPath member(String name) {
        return new JsonPath(this, Objects.requireNonNull(name, "name"), -1);
    }

    /** The element {@code index} of the array at this path. */
    public JsonPath index(int index) {
        return new JsonPath(this, null, index);
    }

    private String step() {
        if (member == null) {
            return "[" + index + "]";
        }
        if (member.length() <= MAX_SHOWN_NAME && IDENTIFIER.matcher(member).matches()) {
            return "." + member;
        }
        return "['" + quoted(member) + "']";
    }

    private static String quoted(String name) {
        return UntrustedText.printable(name.replace("\\", "\\\\").replace("'", "\\'"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonPath that && toString().equals(that.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        String shown = text;
        if (shown == null) {
            shown = parent == null ? member : parent.toString() + step();
            text = shown;
        }
        return shown;
    }
}
