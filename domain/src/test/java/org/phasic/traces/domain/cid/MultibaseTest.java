package org.phasic.traces.domain.cid;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultibaseTest {

    /** RFC 4648 section 10 test vectors, lower case, padding removed. */
    @ParameterizedTest
    @CsvSource({"'', ''", "f, my", "fo, mzxq", "fo, mzxq", "foo, mzxw6", "foob, mzxw6yq", "fooba, mzxw6ytb",
        "foobar, mzxw6ytboi"})
    void base32MatchesRfc4648(String plain, String encoded) {
        assertThat(Multibase.BASE32.encode(plain.getBytes(US_ASCII))).isEqualTo(encoded);
        assertThat(Multibase.BASE32.decode(encoded)).isEqualTo(plain.getBytes(US_ASCII));
    }

    /** Vectors from the base58 IETF draft (draft-msporny-base58). */
    @Test
    void base58MatchesDraftVectors() {
        assertThat(Multibase.BASE58BTC.encode("Hello World!".getBytes(US_ASCII))).isEqualTo("2NEpo7TZRRrLZSi2U");
        assertThat(Multibase.BASE58BTC.encode("The quick brown fox jumps over the lazy dog.".getBytes(US_ASCII)))
                .isEqualTo("USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z");
        byte[] leadingZeros = VarintTest.hex("0000287fb4cd");
        assertThat(Multibase.BASE58BTC.encode(leadingZeros)).isEqualTo("11233QC4");
        assertThat(Multibase.BASE58BTC.decode("11233QC4")).isEqualTo(leadingZeros);
        assertThat(Multibase.BASE58BTC.decode("2NEpo7TZRRrLZSi2U")).isEqualTo("Hello World!".getBytes(US_ASCII));
    }

    @Test
    void rejectsCharactersOutsideTheAlphabetNamingTheIndex() {
        assertThatThrownBy(() -> Multibase.BASE32.decode("mzx1"))
                .hasMessage("invalid base32 character '1' at index 3");
        assertThatThrownBy(() -> Multibase.BASE32.decode("MZXQ"))
                .hasMessage("invalid base32 character 'M' at index 0");
        assertThatThrownBy(() -> Multibase.BASE58BTC.decode("abc0"))
                .hasMessage("invalid base58btc character '0' at index 3");
        assertThatThrownBy(() -> Multibase.BASE58BTC.decode("abé"))
                .hasMessage("invalid base58btc character 'é' at index 2");
    }

    @Test
    void rejectsImpossibleBase32LengthsAndPaddingBits() {
        assertThatThrownBy(() -> Multibase.BASE32.decode("m")).hasMessage("impossible base32 length 1");
        assertThatThrownBy(() -> Multibase.BASE32.decode("mz")).hasMessage(
                "non-zero padding bits in the last base32 character");
    }

    @Test
    void prefixLookup() {
        assertThat(Multibase.forPrefix('b')).isEqualTo(Multibase.BASE32);
        assertThat(Multibase.forPrefix('z')).isEqualTo(Multibase.BASE58BTC);
        assertThatThrownBy(() -> Multibase.forPrefix('f')).hasMessageStartingWith("unsupported multibase prefix 'f'");
    }
}
