package org.phasic.traces.domain.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
    @Test
    void eachCountIsShownInItsLargestUnit() {
        assertThat(ByteSizes.binary(0)).isEqualTo("0 B");
        assertThat(ByteSizes.binary(1023)).isEqualTo("1023 B");
        assertThat(ByteSizes.binary(1024)).isEqualTo("1.0 KiB");
        assertThat(ByteSizes.binary(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSizes.binary(5L << 20)).isEqualTo("5.0 MiB");
        assertThat(ByteSizes.binary((1L << 30) - 1)).isEqualTo("1024.0 MiB");
        assertThat(ByteSizes.binary(3L << 30)).isEqualTo("3.0 GiB");
        assertThat(ByteSizes.binary(2048L << 40)).isEqualTo("2048.0 TiB");
    }

    @Test
    void scalingKeepsTheValue() {
        ByteSizes.Scaled scaled = ByteSizes.scale(1_269_760);
        assertThat(scaled.unit()).isEqualTo("MiB");
        assertThat(scaled.value()).isEqualTo(1_269_760 / 1048576.0);
        assertThat(ByteSizes.scale(10)).isEqualTo(new ByteSizes.Scaled(10, "B"));
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThatThrownBy(() -> ByteSizes.scale(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
