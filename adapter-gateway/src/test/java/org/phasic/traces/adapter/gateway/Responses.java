package org.phasic.traces.adapter.gateway;

import mockwebserver3.MockResponse;
import okio.Buffer;

/** Gateway answers for MockWebServer. */
final class Responses {
    static final String CAR_TYPE = "application/vnd.ipld.car; version=1; order=dfs; dups=y";
    /** A CAR whose gateway does not say in which order its blocks come (as for ipfs-car's, the root last). */
    static final String UNORDERED_CAR_TYPE = "application/vnd.ipld.car; version=1";
    static final String RAW_TYPE = "application/vnd.ipld.raw";

    private Responses() {
    }

    static MockResponse.Builder car(byte[] car) {
        return bytes(CAR_TYPE, car);
    }

    static MockResponse.Builder unorderedCar(byte[] car) {
        return bytes(UNORDERED_CAR_TYPE, car);
    }

    static MockResponse.Builder raw(byte[] block) {
        return bytes(RAW_TYPE, block);
    }

    static MockResponse.Builder bytes(String contentType, byte[] bytes) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", contentType)
                .body(new Buffer().write(bytes));
    }

    static MockResponse.Builder status(int code) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain").body("status " + code);
    }

    static MockResponse.Builder html(String html) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8").body(html);
    }

    /** A copy of {@code bytes} with one bit flipped at {@code index}. */
    static byte[] flipped(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
