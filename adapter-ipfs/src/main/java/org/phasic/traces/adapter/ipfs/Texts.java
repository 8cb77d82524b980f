package org.phasic.traces.adapter.ipfs;

/** Making untrusted text safe to put into a message. */
public final class Texts {

    private static final int MAX_SHOWN = 120;

    private Texts() {
    }

    /** Shortens {@code text} and replaces control characters, so it can be quoted in an error message. */
    public static String shorten(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_SHOWN + 3));
        for (int i = 0; i < text.length() && out.length() < MAX_SHOWN; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX_SHOWN) {
            out.append("...");
        }
        return out.toString();
    }
}
