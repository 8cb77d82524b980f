package org.phasic.traces.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.spi.ConfigKey;

/** Parses and checks raw configuration strings against their {@link ConfigKey}; errors name the key, value and what is allowed. */
final class ValueParser {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(b|kib|mib|gib|tib)?");
    private static final List<String> SIZE_UNITS = List.of("b", "kib", "mib", "gib", "tib");

    private ValueParser() {
    }

    static String normalize(ConfigKey key, String raw, String origin) {
        String value = parse(key, raw.trim(), origin);
        if (!value.isEmpty() && !key.check().accepts().test(value)) {
            throw invalid(key, raw.trim(), origin, key.check().allowed());
        }
        return value;
    }

    private static String parse(ConfigKey key, String value, String origin) {
        return switch (key.type()) {
            case STRING -> value;
            case BOOLEAN -> Boolean.toString(parseBoolean(key, value, origin));
            case INTEGER -> Integer.toString(parseInteger(key, value, origin));
            case SIZE -> Long.toString(parseSize(key, value, origin));
            case DURATION -> formatDuration(parseDuration(key, value, origin));
            case URL -> checkUrl(key, value, origin);
            case CHOICE -> checkChoice(key, value.toLowerCase(Locale.ROOT), origin);
            case CHOICE_LIST -> String.join(",", splitList(value).stream()
                    .map(item -> checkChoice(key, item.toLowerCase(Locale.ROOT), origin)).distinct().toList());
            case LIST -> String.join(",", splitList(value));
        };
    }

    static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    static boolean parseBoolean(ConfigKey key, String value, String origin) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, value, origin, "true or false");
        };
    }

    static int parseInteger(ConfigKey key, String value, String origin) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw invalid(key, value, origin, expected(key, "a whole number >= 0"));
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(key, value, origin, expected(key, "a whole number >= 0"));
        }
    }

    /** A size in bytes: digits, optionally followed by {@code B}, {@code KiB}, {@code MiB}, {@code GiB} or {@code TiB}. */
    static long parseSize(ConfigKey key, String value, String origin) {
        Matcher matcher = SIZE.matcher(value.toLowerCase(Locale.ROOT));
        try {
            if (matcher.matches()) {
                int shift = matcher.group(2) == null ? 0 : 10 * SIZE_UNITS.indexOf(matcher.group(2));
                return Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << shift);
            }
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            // reported below, as a value that is not a size
        }
        throw invalid(key, value, origin, expected(key, "a size in bytes, or with KiB, MiB, GiB or TiB, e.g. 256MiB"));
    }

    /** What a value of {@code key} must be: its own check's words when it has a check, else {@code byType}. */
    private static String expected(ConfigKey key, String byType) {
        return key.check().allowed().isEmpty() ? byType : key.check().allowed();
    }

    static Duration parseDuration(ConfigKey key, String value, String origin) {
        Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw invalid(key, value, origin, "a duration such as 500ms, 1.5s, 2m or 1h");
        }
        double amount = Double.parseDouble(matcher.group(1));
        long millis = switch (matcher.group(2)) {
            case "ms" -> Math.round(amount);
            case "s" -> Math.round(amount * 1_000);
            case "m" -> Math.round(amount * 60_000);
            default -> Math.round(amount * 3_600_000);
        };
        return Duration.ofMillis(millis);
    }

    private static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1_000 == 0 ? (millis / 1_000) + "s" : millis + "ms";
    }

    private static String checkUrl(ConfigKey key, String value, String origin) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!Arrays.asList("http", "https", "file").contains(scheme) || (!scheme.equals("file") && uri.getHost() == null)) {
                throw invalid(key, value, origin, "an http(s):// or file: URL");
            }
            return value;
        } catch (URISyntaxException e) {
            throw invalid(key, value, origin, "an http(s):// or file: URL");
        }
    }

    private static String checkChoice(ConfigKey key, String value, String origin) {
        if (!key.allowed().contains(value)) {
            throw invalid(key, value, origin, "one of " + String.join(", ", key.allowed()));
        }
        return value;
    }

    private static ConfigException invalid(ConfigKey key, String value, String origin, String expected) {
        String shown = key.secret() ? "****" : value;
        return new ConfigException("invalid value '" + UntrustedText.printable(shown) + "' for " + key.name() + " (from " + origin
                + "): expected " + expected, "fix it in " + origin + "; 'phasic-traces config show' lists every key");
    }
}
