package org.phasic.traces.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML file of block mappings ({@code key: value} lines, nested by indentation, with comments and blank lines) seen
 * line by line, so one key can be set or removed leaving every other line as it was. Anything else (lists over several
 * lines, block scalars, tabs) is not understood; {@link #parse} is then empty and the caller rewrites the whole file.
 * Callers check an edit by reading the result back.
 */
final class BlockYaml {
    private static final Pattern KEY_LINE = Pattern.compile("( *)([A-Za-z0-9_.-]+) *:(?: +(.*))?");
    private static final int INDENT = 2;

    /** A {@code key:} line: its index, indentation, key as written, dotted path and whether it opens a nested mapping. */
    private record Node(int line, int indent, String key, String path, boolean mapping) {
    }

    private final List<String> lines;
    private final List<Node> nodes;

    private BlockYaml(List<String> lines, List<Node> nodes) {
        this.lines = lines;
        this.nodes = nodes;
    }

    /** The file's structure, or empty when it holds more than block mappings of one-line values. */
    static Optional<BlockYaml> parse(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<Node> nodes = new ArrayList<>();
        List<Node> open = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || (line.equals("---") && nodes.isEmpty())) {
                continue;
            }
            Matcher matcher = KEY_LINE.matcher(line);
            if (line.contains("\t") || !matcher.matches()) {
                return Optional.empty();
            }
            int indent = matcher.group(1).length();
            String value = matcher.group(3) == null ? "" : matcher.group(3).strip();
            if (value.startsWith("|") || value.startsWith(">")) {
                return Optional.empty();
            }
            open.removeIf(node -> node.indent() >= indent);
            if (!open.isEmpty() && !open.get(open.size() - 1).mapping()) {
                return Optional.empty();
            }
            String parent = open.isEmpty() ? "" : open.get(open.size() - 1).path() + ".";
            Node node = new Node(i, indent, matcher.group(2), parent + matcher.group(2), value.isEmpty() || value.startsWith("#"));
            nodes.add(node);
            open.add(node);
        }
        return Optional.of(new BlockYaml(lines, nodes));
    }

    /** The text with {@code path} set to {@code scalar}: its line replaced, or added under the closest existing mapping. */
    Optional<String> set(String path, String scalar) {
        List<String> edited = new ArrayList<>(lines);
        Optional<Node> leaf = find(path, false);
        if (leaf.isPresent()) {
            Node node = leaf.get();
            edited.set(node.line(), " ".repeat(node.indent()) + node.key() + ": " + scalar);
            return Optional.of(text(edited));
        }
        String[] parts = path.split("\\.");
        int insertAt = lastContentLine(edited) + 1;
        int indent = 0;
        int depth = 0;
        for (int i = parts.length - 1; i > 0; i--) {
            Optional<Node> parent = find(String.join(".", List.of(parts).subList(0, i)), true);
            if (parent.isPresent()) {
                depth = i;
                insertAt = end(parent.get()) + 1;
                indent = childIndent(parent.get());
                break;
            }
        }
        List<String> added = new ArrayList<>();
        for (int i = depth; i < parts.length; i++) {
            String prefix = " ".repeat(indent + (i - depth) * INDENT) + parts[i] + ":";
            added.add(i == parts.length - 1 ? prefix + " " + scalar : prefix);
        }
        edited.addAll(insertAt, added);
        return Optional.of(text(edited));
    }

    /** The text without {@code path}'s line, and without the mappings that were left empty by it. */
    Optional<String> unset(String path) {
        Optional<Node> leaf = find(path, false);
        if (leaf.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> removed = new ArrayList<>(List.of(leaf.get().line()));
        Node child = leaf.get();
        for (Optional<Node> parent = parentOf(child); parent.isPresent(); parent = parentOf(parent.get())) {
            Node mapping = parent.get();
            boolean empty = nodes.stream().filter(node -> node.line() > mapping.line() && node.line() <= end(mapping))
                    .allMatch(node -> removed.contains(node.line()));
            if (!empty) {
                break;
            }
            removed.add(mapping.line());
        }
        List<String> edited = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!removed.contains(i)) {
                edited.add(lines.get(i));
            }
        }
        return Optional.of(text(edited));
    }

    private Optional<Node> find(String path, boolean mapping) {
        return nodes.stream().filter(node -> node.path().equals(path) && node.mapping() == mapping).reduce((first, last) -> last);
    }

    private Optional<Node> parentOf(Node child) {
        Node parent = null;
        for (Node node : nodes) {
            if (node.line() >= child.line()) {
                break;
            }
            if (node.mapping() && node.indent() < child.indent() && end(node) >= child.line()) {
                parent = node;
            }
        }
        return Optional.ofNullable(parent);
    }

    /** The last line of {@code mapping}'s block: its last more-indented key line, or its own line when it has none. */
    private int end(Node mapping) {
        int last = mapping.line();
        for (Node node : nodes) {
            if (node.line() <= mapping.line()) {
                continue;
            }
            if (node.indent() <= mapping.indent()) {
                break;
            }
            last = node.line();
        }
        return last;
    }

    private int childIndent(Node mapping) {
        return nodes.stream().filter(node -> node.line() > mapping.line() && node.line() <= end(mapping))
                .mapToInt(Node::indent).min().orElse(mapping.indent() + INDENT);
    }

    private static int lastContentLine(List<String> lines) {
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                last = i;
            }
        }
        return last;
    }

    private static String text(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
