package org.phasic.traces.adapter.ipfs.tar;

/**
 * A conservative default {@link EntryNameCheck}: refuses empty names, {@code .}, {@code ..}, names
 * containing {@code /}, {@code \}, {@code :} or control characters (NUL included), and names that
 * Windows would silently alter (trailing dot or space).
 */
public final class BasicEntryNameCheck implements EntryNameCheck {

    @Override
    public void requireSafe(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static String problem(String name) {
        if (name.isEmpty()) {
            return "empty name";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'" + name + "' is not a file name";
        }
        if (name.endsWith(".") || name.endsWith(" ")) {
            return "name ends with a dot or a space";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c == ':') {
                return "name contains '" + c + "'";
            }
            if (Character.isISOControl(c)) {
                return "name contains control character U+" + String.format("%04X", (int) c);
            }
        }
        return null;
    }
}
