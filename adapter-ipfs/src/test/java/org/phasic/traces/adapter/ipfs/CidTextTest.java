package org.phasic.traces.adapter.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "QmSoASxb8aNVGk3pNWpZvXEZTQKxjGeu9bvpYHuo5bP1VJ",
        "bafybeicchf4xyrxmdwz5raasiohhwujb5t5dlqs57a4xuq2gffzyw25t7e",
        "bafkreiehikh4kiuahuyqmxt3zy6pap7eouewmmpf4b5326qp3zqmjtzfy4",
        "zdj7WchW9h5Fz2aTgHV4JMFkZ5LvtUSbQQUwDC1P37wGJhkun"})
    void acceptsCidForms(String cid) {
        assertThat(CidText.requireCid(cid)).isEqualTo(cid);
        assertThat(CidText.requireIpfsPath("/ipfs/" + cid + "/trace.json.gz")).isEqualTo("/ipfs/" + cid + "/trace.json.gz");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Qm", "QmSoASxb8aNVGk3pNWpZvXEZTQKxjGeu9bvpYHuo5bP1V0", "bafyBEI", "bafy?x=1",
        "QmSoASxb8aNVGk3pNWpZvXEZTQKxjGeu9bvpYHuo5bP1VJ&arg=x", "-rf"})
    void rejectsNonCids(String text) {
        assertThatThrownBy(() -> CidText.requireCid(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a CID: '");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/a/../b", "/", "/a//b", "/a\\b", "/a\nb", "/."})
    void rejectsUnsafePathSegments(String suffix) {
        assertThatThrownBy(() -> CidText.requireIpfsPath("QmSoASxb8aNVGk3pNWpZvXEZTQKxjGeu9bvpYHuo5bP1VJ" + suffix))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid IPFS path");
    }
}
