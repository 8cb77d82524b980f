package org.phasic.traces.ports.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlobKeysTest {

    private static final String CID_V0 = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";
    private static final String CID_V1 = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

    @Test
    void layoutPutsCarsAndIndexUnderTheirFolders() {
        assertThat(BlobKeys.car(CID_V0)).isEqualTo("cars/" + CID_V0 + ".car");
        assertThat(BlobKeys.car(CID_V1)).isEqualTo("cars/" + CID_V1 + ".car");
        assertThat(BlobKeys.index("coalescent_n5_theta1")).isEqualTo("index/coalescent_n5_theta1.json");
    }

    @Test
    void indexKeysParseBack() {
        assertThat(BlobKeys.indexId(BlobKeys.index("a.b-c_1"))).contains("a.b-c_1");
        assertThat(BlobKeys.indexId(BlobKeys.car(CID_V0))).isEmpty();
        assertThat(BlobKeys.indexId("index/Upper.json")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Qm/x", "Qm..", "Q", "bafy\u0000"})
    void rejectsStringsThatAreNotCids(String cid) {
        assertThatThrownBy(() -> BlobKeys.car(cid)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a CID string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../etc", "Upper", ".hidden", "a/b", "a b"})
    void rejectsInvalidTraceIds(String id) {
        assertThatThrownBy(() -> BlobKeys.index(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a trace id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "cars/Qm1.car", "index/x.json", "a/b/c~1-2_3.car"})
    void acceptsValidKeys(String key) {
        assertThat(BlobKeys.requireValidKey(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/abs|starts with '/'",
        "dir/|ends with '/'",
        "a//b|has an empty segment",
        "a/../b|has a '..' segment",
        "..|has a '..' segment",
        "./a|has a '.' segment",
        "a/.tmp-1|starting with '.'",
        "a\\b|contains '\\' at index 1",
        "a:b|contains ':' at index 1",
        "a b|contains ' ' at index 1",
        "caf\u00e9|contains 'é' at index 3",
    })
    void rejectsInvalidKeysWithThePreciseRule(String key, String reason) {
        assertThatThrownBy(() -> BlobKeys.requireValidKey(key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsControlCharactersAndShowsThemEscaped() {
        assertThatThrownBy(() -> BlobKeys.requireValidKey("a\u0007b\nc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blob key 'a\\u0007b\\nc' contains control character U+0007 at index 1");
    }

    @Test
    void rejectsEmptyAndOverlongKeys() {
        assertThatThrownBy(() -> BlobKeys.requireValidKey("")).hasMessage("blob key is empty");
        String longKey = ("a".repeat(200) + "/").repeat(6) + "a";
        assertThatThrownBy(() -> BlobKeys.requireValidKey(longKey)).hasMessageContaining("1207 bytes long");
        assertThatThrownBy(() -> BlobKeys.requireValidKey("a".repeat(201))).hasMessageContaining("segment of 201");
    }

    @Test
    void prefixesAreNormalisedAndJoined() {
        assertThat(BlobKeys.requireValidPrefix("")).isEmpty();
        assertThat(BlobKeys.requireValidPrefix("team/mirror/")).isEqualTo("team/mirror");
        assertThat(BlobKeys.join("team/mirror", "cars/Qm1.car")).isEqualTo("team/mirror/cars/Qm1.car");
        assertThat(BlobKeys.join("", "cars/Qm1.car")).isEqualTo("cars/Qm1.car");
        assertThatThrownBy(() -> BlobKeys.requireValidPrefix("/team")).hasMessageContaining("store prefix '/team'");
        assertThatThrownBy(() -> BlobKeys.requireValidPrefix("team/../x")).hasMessageContaining("'..' segment");
    }

    @Test
    void listPrefixesMayEndWithSlashOrBePartial() {
        assertThat(BlobKeys.requireValidListPrefix("")).isEmpty();
        assertThat(BlobKeys.requireValidListPrefix("cars/")).isEqualTo("cars/");
        assertThat(BlobKeys.requireValidListPrefix("cars/Qm")).isEqualTo("cars/Qm");
        assertThatThrownBy(() -> BlobKeys.requireValidListPrefix("../")).hasMessageContaining("'..' segment");
    }
}
