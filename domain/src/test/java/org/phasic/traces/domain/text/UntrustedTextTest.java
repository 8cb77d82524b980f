package org.phasic.traces.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UntrustedTextTest {

    @Test
    void plainTextIsKept() {
        assertThat(UntrustedText.printable("kingman_n5_theta1 (a/b) 'x' C:\\tmp")).isEqualTo("kingman_n5_theta1 (a/b) 'x' C:\\tmp");
        assertThat(UntrustedText.printable("")).isEmpty();
        assertThat(UntrustedText.printable((String) null)).isEqualTo("null");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a\u0000b|a\\u0000b",
        "a\u0007b|a\\u0007b",
        "a\u007fb|a\\u007fb",
        "a\u0085b|a\\u0085b",
        "a\u009bb|a\\u009bb",
    })
    void controlCharactersAreEscaped(String text, String shown) {
        assertThat(UntrustedText.printable(text)).isEqualTo(shown);
    }

    @Test
    void newlinesAndTabsUseTheirShortEscapes() {
        assertThat(UntrustedText.printable("line 1\r\nline 2\tend\n")).isEqualTo("line 1\\r\\nline 2\\tend\\n");
        assertThat(UntrustedText.printable("a\u2028b\u2029c")).isEqualTo("a\\u2028b\\u2029c");
    }

    @Test
    void ansiEscapeSequencesAreDisarmed() {
        String shown = UntrustedText.printable("\u001b[31mred\u001b[0m \u001b]8;;https://evil\u0007link\u001b]8;;\u0007");

        assertThat(shown).doesNotContain("\u001b", "\u0007")
                .isEqualTo("\\u001b[31mred\\u001b[0m \\u001b]8;;https://evil\\u0007link\\u001b]8;;\\u0007");
    }

    @Test
    void lettersOfEveryScriptAndEmojiAreKept() {
        assertThat(UntrustedText.printable("café Ω 日本 😀")).isEqualTo("café Ω 日本 😀");
    }

    @Test
    void invisibleAndReorderingCharactersAreEscaped() {
        assertThat(UntrustedText.printable("abc\u202Efed\u200Bx\uFEFF")).isEqualTo("abc\\u202efed\\u200bx\\ufeff");
        assertThat(UntrustedText.printable("tag\uDB40\uDC41")).isEqualTo("tag\\udb40\\udc41");
        assertThat(UntrustedText.printable("lone\uD800x")).isEqualTo("lone\\ud800x");
        assertThat(UntrustedText.printable("private\uE000")).isEqualTo("private\\ue000");
    }

    @Test
    void longTextIsCutAfterTheMaximumNumberOfCodePoints() {
        String exact = "x".repeat(UntrustedText.MAX_SHOWN);

        assertThat(UntrustedText.printable(exact)).isEqualTo(exact);
        assertThat(UntrustedText.printable(exact + "y")).isEqualTo(exact + UntrustedText.CUT_MARK);
        assertThat(UntrustedText.printable("\n".repeat(500)))
                .isEqualTo("\\n".repeat(UntrustedText.MAX_SHOWN) + UntrustedText.CUT_MARK);
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String emoji = "😀".repeat(UntrustedText.MAX_SHOWN + 1);

        String shown = UntrustedText.printable(emoji);

        assertThat(shown).isEqualTo("😀".repeat(UntrustedText.MAX_SHOWN) + UntrustedText.CUT_MARK);
    }

    @Test
    void aSingleCharacterFollowsTheSameRule() {
        assertThat(UntrustedText.printable('é')).isEqualTo("é");
        assertThat(UntrustedText.printable('\u001b')).isEqualTo("\\u001b");
    }
}
