package org.phasic.traces.adapter.web.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesTheCharactersThatEndTextOrAnAttribute() {
        assertThat(Html.escape("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    }

    @Test
    void replacesInvisibleAndForbiddenCodePointsButKeepsLettersOfAnyScript() {
        assertThat(Html.escape("a\u0000b\u001b[31mc\u007fd\uFFFEe\uD800f")).isEqualTo("a\uFFFDb\uFFFD[31mc\uFFFDd\uFFFDe\uFFFDf");
        assertThat(Html.escape("Røikjer θ ∞ 漢字 \t\n")).isEqualTo("Røikjer θ ∞ 漢字 \t\n");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void acceptsOnlyHttpUrlsThatStayInsideAnAttribute() {
        assertThat(Html.isHttpUrl("https://doi.org/10.1007/s11222-022-10155-6")).isTrue();
        assertThat(Html.isHttpUrl("javascript:alert(1)")).isFalse();
        assertThat(Html.isHttpUrl("https://x.org/\"onmouseover=alert(1)")).isFalse();
        assertThat(Html.isHttpUrl("data:text/html,<script>")).isFalse();
    }

    @Test
    void encodesUrlPartsAndFormatsNumbersShortly() {
        assertThat(Html.urlPart("a b/c?d&e")).isEqualTo("a%20b%2Fc%3Fd%26e");
        assertThat(Html.number(2.0, 4)).isEqualTo("2");
        assertThat(Html.number(0.125, 4)).isEqualTo("0.125");
        assertThat(Html.number(1.0 / 3, 3)).isEqualTo("0.333");
        assertThat(Html.number(1.5e-12, 3)).isEqualTo("1.50e-12");
    }
}
