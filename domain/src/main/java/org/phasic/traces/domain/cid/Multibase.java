package org.phasic.traces.domain.cid;

import java.util.Arrays;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * The multibase encodings CIDs use here: base32 lower case without padding ({@code b}) and base58btc
 * ({@code z}; a CIDv0 is bare base58btc). Decoding is strict: wrong characters, impossible lengths and
 * non-zero padding bits are errors ({@link IllegalArgumentException} naming the character index).
 */
public enum Multibase {

    BASE32('b') {
        @Override
        public String encode(byte[] data) {
            StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
            int buffer = 0;
            int bits = 0;
            for (byte value : data) {
                buffer = (buffer << 8) | (value & 0xFF);
                bits += 8;
                while (bits >= 5) {
                    out.append(BASE32_ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
                    bits -= 5;
                }
            }
            if (bits > 0) {
                out.append(BASE32_ALPHABET.charAt((buffer << (5 - bits)) & 31));
            }
            return out.toString();
        }

        @Override
        byte[] decode(String text, int from) {
            int length = text.length() - from;
            byte[] out = new byte[length * 5 / 8];
            int buffer = 0;
            int bits = 0;
            int at = 0;
            for (int i = from; i < text.length(); i++) {
                buffer = (buffer << 5) | digit(BASE32_VALUES, text, i, "base32");
                bits += 5;
                if (bits >= 8) {
                    out[at++] = (byte) (buffer >>> (bits - 8));
                    bits -= 8;
                }
            }
            int remainder = length % 8;
            if (remainder == 1 || remainder == 3 || remainder == 6) {
                throw new IllegalArgumentException("impossible base32 length " + length);
            }
            if ((buffer & ((1 << bits) - 1)) != 0) {
                throw new IllegalArgumentException("non-zero padding bits in the last base32 character");
            }
            return out;
        }
    },

    BASE58BTC('z') {
        @Override
        public String encode(byte[] data) {
            int zeros = 0;
            while (zeros < data.length && data[zeros] == 0) {
                zeros++;
            }
            byte[] digits = new byte[data.length * 138 / 100 + 1];
            int length = 0;
            for (int i = zeros; i < data.length; i++) {
                int carry = data[i] & 0xFF;
                for (int j = 0; j < length; j++) {
                    carry += (digits[j] & 0xFF) << 8;
                    digits[j] = (byte) (carry % 58);
                    carry /= 58;
                }
                while (carry > 0) {
                    digits[length++] = (byte) (carry % 58);
                    carry /= 58;
                }
            }
            StringBuilder out = new StringBuilder(zeros + length);
            out.append("1".repeat(zeros));
            for (int j = length - 1; j >= 0; j--) {
                out.append(BASE58_ALPHABET.charAt(digits[j]));
            }
            return out.toString();
        }

        @Override
        byte[] decode(String text, int from) {
            int zeros = 0;
            while (from + zeros < text.length() && text.charAt(from + zeros) == '1') {
                zeros++;
            }
            byte[] bytes = new byte[text.length() - from];
            int length = 0;
            for (int i = from + zeros; i < text.length(); i++) {
                int carry = digit(BASE58_VALUES, text, i, "base58btc");
                for (int j = 0; j < length; j++) {
                    carry += (bytes[j] & 0xFF) * 58;
                    bytes[j] = (byte) carry;
                    carry >>>= 8;
                }
                while (carry > 0) {
                    bytes[length++] = (byte) carry;
                    carry >>>= 8;
                }
            }
            byte[] out = new byte[zeros + length];
            for (int j = 0; j < length; j++) {
                out[out.length - 1 - j] = bytes[j];
            }
            return out;
        }
    };

    private static final String BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final String BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final byte[] BASE32_VALUES = valuesOf(BASE32_ALPHABET);
    private static final byte[] BASE58_VALUES = valuesOf(BASE58_ALPHABET);

    private final char prefix;

    Multibase(char prefix) {
        this.prefix = prefix;
    }

    /** The multibase prefix character. */
    public char prefix() {
        return prefix;
    }

    /** Encodes without the prefix. */
    public abstract String encode(byte[] data);

    /** Decodes text without the prefix. */
    public byte[] decode(String text) {
        return decode(text, 0);
    }

    /** Decodes {@code text} from index {@code from} on; error messages name indices in {@code text}. */
    abstract byte[] decode(String text, int from);

    /** Encodes with the multibase prefix. */
    public String encodeWithPrefix(byte[] data) {
        return prefix + encode(data);
    }

    /** The encoding for a prefix character. */
    public static Multibase forPrefix(char prefix) {
        for (Multibase base : values()) {
            if (base.prefix == prefix) {
                return base;
            }
        }
        throw new IllegalArgumentException("unsupported multibase prefix '" + UntrustedText.printable(prefix)
                + "' (supported: 'b' base32 lower case, 'z' base58btc)");
    }

    private static int digit(byte[] values, String text, int index, String baseName) {
        char c = text.charAt(index);
        int value = c < values.length ? values[c] : -1;
        if (value < 0) {
            throw new IllegalArgumentException("invalid " + baseName + " character '" + UntrustedText.printable(c)
                    + "' at index " + index);
        }
        return value;
    }

    private static byte[] valuesOf(String alphabet) {
        byte[] values = new byte[128];
        Arrays.fill(values, (byte) -1);
        for (int i = 0; i < alphabet.length(); i++) {
            values[alphabet.charAt(i)] = (byte) i;
        }
        return values;
    }
}
