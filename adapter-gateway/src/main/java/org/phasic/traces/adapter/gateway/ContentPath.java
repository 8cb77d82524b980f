package org.phasic.traces.adapter.gateway;

import java.util.Arrays;
import java.util.List;
import okhttp3.HttpUrl;
import org.phasic.traces.domain.unixfs.SafePaths;

/**
 * A checked path below a root CID: entry names separated by '/', each a safe name ({@link SafePaths}); empty for
 * the root itself.
 *
 * @param segments the entry names
 */
record ContentPath(List<String> segments) {

    ContentPath {
        segments = List.copyOf(segments);
        segments.forEach(SafePaths::requireSafeName);
    }

    /**
     * Reads {@code a/b/c}; one leading or trailing '/' is ignored; null or "" is the root.
     *
     * @throws org.phasic.traces.domain.cid.UnsafePathException for an unsafe or empty entry name
     */
    static ContentPath parse(String path) {
        if (path == null) {
            return new ContentPath(List.of());
        }
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        trimmed = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        return new ContentPath(trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/", -1)));
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    /** Adds the segments, URL-encoded, to {@code url}. */
    HttpUrl.Builder appendTo(HttpUrl.Builder url) {
        segments.forEach(url::addPathSegment);
        return url;
    }

    @Override
    public String toString() {
        return String.join("/", segments);
    }
}
