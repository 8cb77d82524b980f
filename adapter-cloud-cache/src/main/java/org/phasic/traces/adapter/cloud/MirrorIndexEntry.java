package org.phasic.traces.adapter.cloud;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.ports.out.BlobKeys;

/**
 * The mirror's record of a pushed trace, stored under {@code index/<id>.json} as
 * {@code {"id":"<id>","cid":"<directory CID>"}}: what {@code cache ls} shows and what {@code cache pull}
 * fetches when no ids are given. Only a hint: the registry's CID and checksum decide what is accepted.
 *
 * @param id      the trace id
 * @param rootCid the trace's directory CID, whose CAR is {@code cars/<rootCid>.car}
 */
public record MirrorIndexEntry(TraceId id, String rootCid) {
    private static final Pattern FORMAT =
            Pattern.compile("\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"\\\\]{1,128})\"\\s*,\\s*\"cid\"\\s*:\\s*\"([^\"\\\\]{1,256})\"\\s*}\\s*");

    /** Requires a valid directory CID. */
    public MirrorIndexEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rootCid, "rootCid");
        if (!Cid.isValid(rootCid)) {
            throw new IllegalArgumentException("not a CID: '" + UntrustedText.printable(rootCid) + "'");
        }
    }

    /** @return this entry's key, {@code index/<id>.json} */
    public String key() {
        return BlobKeys.index(id.value());
    }

    /** @return the stored form (ids and CIDs need no JSON escaping) */
    public byte[] toJson() {
        return ("{\"id\":\"" + id.value() + "\",\"cid\":\"" + rootCid + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an entry written by {@link #toJson()}; anything else (another format, an id that differs from the
     * key's, an invalid CID) is refused.
     *
     * @param key  the key it was read from
     * @param json the untrusted bytes
     * @return the entry, or empty when the bytes are not a valid entry for {@code key}
     */
    public static Optional<MirrorIndexEntry> parse(String key, byte[] json) {
        Matcher matcher = FORMAT.matcher(new String(json, StandardCharsets.UTF_8));
        Optional<String> keyId = BlobKeys.indexId(key);
        if (!matcher.matches() || keyId.isEmpty() || !keyId.get().equals(matcher.group(1))
                || !TraceId.isValid(matcher.group(1)) || !Cid.isValid(matcher.group(2))) {
            return Optional.empty();
        }
        return Optional.of(new MirrorIndexEntry(TraceId.of(matcher.group(1)), matcher.group(2)));
    }
}
