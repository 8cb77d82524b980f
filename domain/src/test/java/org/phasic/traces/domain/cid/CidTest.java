package org.phasic.traces.domain.cid;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected CIDs come from independent tools: {@code ipfs_cid} (Debian ipfs-cid) and the js-ipfs node
 * ({@code /api/v0/add?only-hash=true}) for the 5 bytes "hello".
 */
class CidTest {

    private static final byte[] HELLO = "hello".getBytes(US_ASCII);
    /** ipfs_cid hello.txt: CIDv0 and its CIDv1 re-encoding. */
    private static final String HELLO_V0 = "QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX";
    private static final String HELLO_V0_AS_V1 = "bafybeid3weurg3gvyoi7nisadzolomlvoxoppe2sesktnpvdve3256n5tq";
    /** js-ipfs add?cid-version=1 (raw leaf), base32 and base58btc. */
    private static final String HELLO_RAW_B32 = "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq";
    private static final String HELLO_RAW_B58 = "zb2rhZfjRh2FHHB2RkHVEvL2vJnCTcu7kwRqgVsf9gpkLgteo";

    @Test
    void parsesAndFormatsCidV0() {
        Cid cid = Cid.parse(HELLO_V0);
        assertThat(cid.version()).isZero();
        assertThat(cid.codec()).isEqualTo(Multicodec.DAG_PB);
        assertThat(cid.multihash().function()).isEqualTo(HashFunction.SHA2_256);
        assertThat(cid.byteLength()).isEqualTo(34);
        assertThat(cid.toString()).isEqualTo(HELLO_V0);
        assertThat(cid.toV1().toString()).isEqualTo(HELLO_V0_AS_V1);
        assertThat(Cid.parse(HELLO_V0_AS_V1)).isEqualTo(cid.toV1()).isNotEqualTo(cid);
    }

    @Test
    void rawCidOfHelloMatchesJsIpfsInBothBases() {
        Cid computed = Cid.compute(1, Multicodec.RAW, HELLO);
        assertThat(computed.toString()).isEqualTo(HELLO_RAW_B32);
        assertThat(computed.toString(Multibase.BASE58BTC)).isEqualTo(HELLO_RAW_B58);
        assertThat(Cid.parse(HELLO_RAW_B58)).isEqualTo(computed).hasSameHashCodeAs(computed);
        assertThat(computed.matches(HELLO)).isTrue();
        assertThat(computed.matches("hellO".getBytes(US_ASCII))).isFalse();
    }

    @Test
    void binaryRoundTrip() {
        for (String text : List.of(HELLO_V0, HELLO_V0_AS_V1, HELLO_RAW_B32)) {
            Cid cid = Cid.parse(text);
            assertThat(Cid.fromBytes(cid.toBytes())).isEqualTo(cid);
            byte[] padded = new byte[cid.byteLength() + 3];
            cid.write(padded, 2);
            assertThat(Cid.readFrom(padded, 2, padded.length)).isEqualTo(cid);
        }
    }

    @Test
    void identityCidInlinesTheBlock() {
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.identity(HELLO));
        assertThat(cid.isIdentity()).isTrue();
        assertThat(cid.matches(HELLO)).isTrue();
        assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
        // js-multiformats: CID.create(1, 0x55, identity.digest("hello")).toString()
        assertThat(cid.toString()).isEqualTo("bafkqablimvwgy3y");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|invalid CID \"\": empty string",
        "QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYeca|invalid CID \"QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYeca\": a CIDv0 has 46 base58btc characters, got 45",
        "QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaI|invalid CID \"QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaI\": invalid base58btc character 'I' at index 45",
        "xabc|invalid CID \"xabc\": unsupported multibase prefix 'x' (supported: 'b' base32 lower case, 'z' base58btc)",
        "BAFKREIBM6JG3UX5QUMHCN2B3FLC3TYU6DMLB4XA7U5BF44YEGNRJHC4YEQ|invalid CID \"BAFKREIBM6JG3UX5QUMHCN2B3FLC3TYU6DMLB4XA7U5BF44YEGNRJHC4YEQ\": unsupported multibase prefix 'B' (supported: 'b' base32 lower case, 'z' base58btc)",
        // hello raw CID, digest cut by 5 characters (3 bytes): length says 32
        "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4|invalid CID \"bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4\": non-zero padding bits in the last base32 character",
    })
    void rejectsMalformedText(String text, String message) {
        assertThatThrownBy(() -> Cid.parse(text)).isInstanceOf(InvalidCidException.class).hasMessage(message);
    }

    @Test
    void rejectsBadBinaryFieldsPrecisely() {
        String digest = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
        assertThat(Cid.parse(Multibase.BASE32.encodeWithPrefix(VarintTest.hex("015512" + "20" + digest))))
                .isEqualTo(Cid.compute(1, Multicodec.RAW, HELLO));
        assertBinaryRejected("015512" + "1f" + digest.substring(2),
                "digest length mismatch: sha2-256 digest must be 32 bytes, got 31");
        assertBinaryRejected("015512" + "20" + digest.substring(2),
                "truncated multihash: digest length 32 but only 31 bytes follow");
        assertBinaryRejected("015512" + "20" + digest + "0000", "2 trailing bytes after the multihash");
        assertBinaryRejected("015513" + "20" + digest,
                "unsupported multihash function 0x13 (supported: identity 0x00, sha2-256 0x12)");
        assertBinaryRejected("017212" + "20" + digest,
                "unsupported codec 0x72 (supported: raw 0x55, dag-pb 0x70, dag-cbor 0x71)");
        assertBinaryRejected("0155ff", "truncated varint");
        assertBinaryRejected("01d5800012" + "20" + digest, "varint not minimally encoded");
        assertBinaryRejected("01ffffffffffffffffff01", "varint overflow: longer than 9 bytes");
        assertBinaryRejected("02" + "5512" + "20" + digest, "unsupported CID version 2");
        assertBinaryRejected("1220" + digest, "a multibase CID must be version 1; a CIDv0 is bare base58btc (Qm...)");
        assertThatThrownBy(() -> Cid.fromBytes(VarintTest.hex("1220" + digest.substring(2))))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage("invalid CID bytes: a CIDv0 is a 34-byte sha2-256 multihash (0x12 0x20 + 32 bytes)");
    }

    private static void assertBinaryRejected(String hex, String reason) {
        String text = Multibase.BASE32.encodeWithPrefix(VarintTest.hex(hex));
        assertThatThrownBy(() -> Cid.parse(text)).isInstanceOf(InvalidCidException.class)
                .hasMessage("invalid CID \"" + text + "\": " + reason);
        String z = Multibase.BASE58BTC.encodeWithPrefix(VarintTest.hex(hex));
        assertThatThrownBy(() -> Cid.parse(z)).hasMessageEndingWith(reason);
    }

    @Test
    void v0RequiresDagPbAndSha256() {
        assertThatThrownBy(() -> Cid.v0(Multihash.identity(HELLO))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cid.of(0, Multicodec.RAW, Multihash.sha256(HELLO)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cid.parse(HELLO_V0).toString(Multibase.BASE32))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void liveRegistryDirectoryCidsParseAndItsMockStringsAreRejected() throws IOException {
        RegistryCids cids = RegistryCids.load();
        assertThat(cids.traceCids).hasSize(5);
        assertThat(cids.fileCids).hasSize(10);
        assertThat(cids.collectionCids).hasSize(1);
        for (String text : cids.traceCids) {
            Cid cid = Cid.parse(text);
            assertThat(cid.version()).isZero();
            assertThat(cid.toString()).isEqualTo(text);
        }
        for (String text : cids.fileCids) {
            assertThatThrownBy(() -> Cid.parse(text)).isInstanceOf(InvalidCidException.class)
                    .hasMessageMatching("invalid CID \"" + text + "\": invalid base32 character '[0189]' at index \\d+");
            assertThat(Cid.isValid(text)).isFalse();
        }
        assertThatThrownBy(() -> Cid.parse(cids.collectionCids.get(0))).isInstanceOf(InvalidCidException.class)
                .hasMessageEndingWith("invalid base32 character '0' at index 7");
    }

    /** The "cid" strings of the committed copy of the live registry, by where they occur. */
    private static final class RegistryCids {
        final List<String> traceCids = new ArrayList<>();
        final List<String> fileCids = new ArrayList<>();
        final List<String> collectionCids = new ArrayList<>();

        static RegistryCids load() throws IOException {
            RegistryCids cids = new RegistryCids();
            Pattern cidLine = Pattern.compile("^( *)\"cid\": \"([^\"]*)\"");
            String section = "";
            try (InputStream in = Objects.requireNonNull(
                    CidTest.class.getResourceAsStream("/registry/registry.json"))) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.startsWith("  \"")) {
                        section = line.trim();
                    }
                    Matcher m = cidLine.matcher(line);
                    if (m.find()) {
                        boolean inFiles = m.group(1).length() > 6;
                        (section.startsWith("\"collections\"") ? cids.collectionCids
                                : inFiles ? cids.fileCids : cids.traceCids).add(m.group(2));
                    }
                }
            }
            return cids;
        }
    }
}
