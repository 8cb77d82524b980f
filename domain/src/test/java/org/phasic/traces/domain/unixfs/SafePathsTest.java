package org.phasic.traces.domain.unixfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.domain.cid.UnsafePathException;

class SafePathsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|unsafe entry name '': is empty",
        ".|unsafe entry name '.': refers to the current or parent directory",
        "..|unsafe entry name '..': refers to the current or parent directory",
        "../evil|unsafe entry name '../evil': contains '/'",
        "a/b|unsafe entry name 'a/b': contains '/'",
        "/etc|unsafe entry name '/etc': contains '/'",
        "..\\evil|unsafe entry name '..\\evil': contains '\\' (a Windows separator or UNC prefix)",
        "\\\\server\\share|unsafe entry name '\\\\server\\share': contains '\\' (a Windows separator or UNC prefix)",
        "C:|unsafe entry name 'C:': starts with a drive letter",
        "c:evil|unsafe entry name 'c:evil': starts with a drive letter",
        "file.txt:stream|unsafe entry name 'file.txt:stream': contains ':' (a Windows drive or stream separator)",
        "CON|unsafe entry name 'CON': is a Windows device name",
        "nul.txt|unsafe entry name 'nul.txt': is a Windows device name",
        "evil.|unsafe entry name 'evil.': ends with '.' (Windows drops it)",
        "'evil '|unsafe entry name 'evil ': ends with ' ' (Windows drops it)",
    })
    void refusesUnsafeNames(String name, String message) {
        assertThatThrownBy(() -> SafePaths.requireSafeName(name)).isInstanceOf(UnsafePathException.class)
                .hasMessage(message);
        assertThat(SafePaths.isSafeName(name)).isFalse();
    }

    @Test
    void refusesNulControlCharactersAndOverlongNames() {
        assertThatThrownBy(() -> SafePaths.requireSafeName("a\0b")).hasMessage("unsafe entry name 'a\\u0000b': contains NUL");
        assertThatThrownBy(() -> SafePaths.requireSafeName("a\nb"))
                .hasMessage("unsafe entry name 'a\\nb': contains a control character");
        assertThatThrownBy(() -> SafePaths.requireSafeName("é".repeat(128)))
                .hasMessageEndingWith(": is longer than 255 bytes");
        assertThatThrownBy(() -> SafePaths.requireSafeName(null)).hasMessage("unsafe entry name null: is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"trace.json.gz", "metadata.json", "été.txt", "..hidden", ".hidden", "a..b", "CONSOLE",
        "name with spaces.txt"})
    void acceptsOrdinaryNames(String name) {
        assertThat(SafePaths.requireSafeName(name)).isEqualTo(name);
    }

    @Test
    void resolvesChildrenInsideTheTarget(@TempDir Path dir) {
        Path child = SafePaths.resolveChild(dir, "trace.json.gz");
        assertThat(child.getParent()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(child.getFileName().toString()).isEqualTo("trace.json.gz");
        Path nested = SafePaths.resolveChild(dir.resolve("sub/../sub"), "x");
        assertThat(nested.startsWith(dir.toAbsolutePath().normalize())).isTrue();
        assertThatThrownBy(() -> SafePaths.resolveChild(dir, "..")).isInstanceOf(UnsafePathException.class);
    }

    @Test
    void resolvesUntrustedRelativePathsComponentByComponent(@TempDir Path dir) {
        assertThat(SafePaths.resolveRelative(dir, "QmRoot/trace.json.gz"))
                .isEqualTo(dir.toAbsolutePath().normalize().resolve("QmRoot").resolve("trace.json.gz"));
        assertThat(SafePaths.resolveRelative(dir, "QmRoot/")).isEqualTo(dir.toAbsolutePath().normalize().resolve("QmRoot"));
        assertThatThrownBy(() -> SafePaths.resolveRelative(dir, "QmRoot/../../etc/passwd"))
                .isInstanceOf(UnsafePathException.class)
                .hasMessage("unsafe path 'QmRoot/../../etc/passwd': component '..' refers to the current or parent directory");
        assertThatThrownBy(() -> SafePaths.resolveRelative(dir, "/etc/passwd")).hasMessage("unsafe path '/etc/passwd': absolute");
        assertThatThrownBy(() -> SafePaths.resolveRelative(dir, "a//b")).hasMessage("unsafe path 'a//b': component '' is empty");
        assertThatThrownBy(() -> SafePaths.resolveRelative(dir, "")).hasMessage("unsafe path '': empty");
        assertThatThrownBy(() -> SafePaths.resolveRelative(dir, "a/C:x")).hasMessage(
                "unsafe path 'a/C:x': component 'C:x' starts with a drive letter");
    }
}
