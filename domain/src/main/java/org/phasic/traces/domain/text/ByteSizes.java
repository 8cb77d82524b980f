package org.phasic.traces.domain.text;

import java.util.Locale;

/** Byte counts as people read them, in binary units (KiB, MiB, GiB, TiB). */
public final class ByteSizes {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteSizes() {
    }

    /**
     * {@code bytes} in the largest unit that keeps the value at least 1.
     *
     * @param value the count in {@code unit}
     * @param unit  {@code B} below 1 KiB, otherwise a binary unit
     */
    public record Scaled(double value, String unit) {
    }

    /** {@code bytes} scaled to its largest unit (at most TiB). */
    public static Scaled scale(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a byte count cannot be negative: " + bytes);
        }
        if (bytes < 1024) {
            return new Scaled(bytes, "B");
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return new Scaled(value, UNITS[unit]);
    }

    /** {@code bytes} with one decimal in its largest unit, e.g. {@code 1.5 MiB}; whole bytes below 1 KiB ({@code 512 B}). */
    public static String binary(long bytes) {
        Scaled scaled = scale(bytes);
        return scaled.unit().equals("B") ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", scaled.value(), scaled.unit());
    }
}
