package org.phasic.traces.ports.out;

import java.util.Optional;

/** A registry document is not valid JSON or not shaped as {@code registry.json}; the message names the JSON path. */
public final class RegistryFormatException extends RuntimeException {
    private final String jsonPath;

    public RegistryFormatException(String message) {
        this(message, (Throwable) null);
    }

    public RegistryFormatException(String message, Throwable cause) {
        super(message, cause);
        this.jsonPath = null;
    }

    private RegistryFormatException(String jsonPath, String problem, Throwable cause) {
        super(jsonPath + ": " + problem, cause);
        this.jsonPath = jsonPath;
    }

    /**
     * A defect at {@code jsonPath}; the message is {@code "<jsonPath>: <problem>"}.
     *
     * @param jsonPath where, JSONPath-style (e.g. {@code $.traces})
     * @param problem  what is wrong there
     * @param cause    the underlying parser error, or {@code null}
     */
    public static RegistryFormatException at(String jsonPath, String problem, Throwable cause) {
        return new RegistryFormatException(jsonPath, problem, cause);
    }

    /** Where in the document the defect is, when known. */
    public Optional<String> jsonPath() {
        return Optional.ofNullable(jsonPath);
    }

    /** The message without the leading JSON path, for reports that show the path separately. */
    public String problem() {
        String message = getMessage();
        return jsonPath != null && message.startsWith(jsonPath + ": ") ? message.substring(jsonPath.length() + 2) : message;
    }
}
