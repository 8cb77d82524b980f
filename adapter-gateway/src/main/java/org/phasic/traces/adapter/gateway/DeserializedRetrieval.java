package org.phasic.traces.adapter.gateway;

import org.phasic.traces.domain.dag.MemoryBlockStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.out.BlockFeed;

/**
 * The last resort for a gateway that serves only deserialized files (no CAR, no raw blocks), like the js-ipfs
 * gateway. Its bytes are accepted only when they re-import to the requested root CID: the root's HTML listing
 * names the entries, every entry's bytes are fetched, and the directory rebuilt from them under the configured
 * import profile (or another preset of the root's CID version) must hash to the root. A root that is a single file
 * must re-import to the root itself. The re-imported blocks then form a {@link BlockFeed.Lookup} feed, so the
 * consumer verifies them like any other blocks. Only flat directories (files directly below the root) can be
 * checked this way; the verified DAG is remembered in {@link RecentDags} for the next file of the same root.
 */
final class DeserializedRetrieval implements Retrieval {
    private static final String ACCEPT = "text/html, */*;q=0.8";

    private final GatewayHttp http;
    private final DagCheck check;
    private final ImportProfile profile;
    private final RecentDags recent;

    DeserializedRetrieval(GatewayHttp http, DagCheck check, ImportProfile profile, RecentDags recent) {
        this.http = Objects.requireNonNull(http, "http");
        this.check = Objects.requireNonNull(check, "check");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.recent = Objects.requireNonNull(recent, "recent");
    }

    @Override
    public BlockFeed retrieve(AttemptContext context, Cid root, ContentPath path) throws IOException {
        ByteBudget budget = new ByteBudget(check.limits().maxTotalBytes(), "the files from " + context.name());
        Body top = fetch(context, context.ipfsUrl().addPathSegment(root.toString()).addPathSegment("").build(), budget);
        MemoryBlockStore blocks = asFile(top.bytes(), root).orElse(null);
        if (blocks == null) {
            blocks = asDirectory(context, root, path, top, budget);
        }
        check.requireComplete(root, path, blocks, blocks, context.name());
        recent.put(root, blocks);
        return BlockFeed.Lookup.of(blocks);
    }

    private MemoryBlockStore asDirectory(AttemptContext context, Cid root, ContentPath path, Body top, ByteBudget budget)
            throws IOException {
        List<String> names = top.isHtml()
                ? DirectoryListing.entryNames(new String(top.bytes(), StandardCharsets.UTF_8), root) : List.of();
        if (names.size() > UnixFsImporter.MAX_DIRECTORY_ENTRIES) {
            throw new IOException(context.name() + " lists " + names.size() + " entries under " + root
                    + "; re-importing more than " + UnixFsImporter.MAX_DIRECTORY_ENTRIES + " is refused");
        }
        if (names.isEmpty()) {
            throw new IOException(context.name() + " serves neither CARs nor raw blocks, and what it serves for "
                    + root + " is neither that file nor a directory listing, so it cannot be verified");
        }
        if (path.segments().size() > 1) {
            throw new IOException(context.name() + " serves only deserialized files; those can be verified only"
                    + " directly below the root, not at " + path);
        }
        if (!path.isRoot() && !names.contains(path.segments().get(0))) {
            throw new NotFoundAtGatewayException(context.name() + " lists no entry '" + path + "' in " + root);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : names) {
            HttpUrl url = context.ipfsUrl().addPathSegment(root.toString()).addPathSegment(name).build();
            files.put(name, fetch(context, url, budget).bytes());
        }
        List<String> tried = new ArrayList<>();
        for (ImportProfile candidate : Reimport.candidates(profile, root)) {
            MemoryBlockStore blocks = new MemoryBlockStore();
            Cid cid = Reimport.directory(files, candidate, blocks);
            if (cid.equals(root)) {
                return blocks;
            }
            tried.add(cid + " (" + describe(candidate) + ")");
        }
        throw new IOException("the entries " + files.keySet() + " that " + context.name() + " lists under " + root
                + " re-import to " + String.join(", ", tried) + ", not to " + root + "; they cannot be verified");
    }

    private Optional<MemoryBlockStore> asFile(byte[] bytes, Cid root) throws IOException {
        for (ImportProfile candidate : Reimport.candidates(profile, root)) {
            MemoryBlockStore blocks = new MemoryBlockStore();
            if (Reimport.file(bytes, candidate, blocks).cid().equals(root)) {
                return Optional.of(blocks);
            }
        }
        return Optional.empty();
    }

    private static String describe(ImportProfile profile) {
        return "CIDv" + profile.cidVersion() + (profile.rawLeaves() ? ", raw leaves" : "") + ", chunks of "
                + profile.chunkSize() + " bytes";
    }

    private record Body(byte[] bytes, MediaType type) {
        boolean isHtml() {
            return type != null && type.type().equals("text") && type.subtype().equals("html");
        }
    }

    private Body fetch(AttemptContext context, HttpUrl url, ByteBudget budget) throws IOException {
        return http.get(context, url, ACCEPT, response -> {
            try (InputStream in = context.meter(response.body().byteStream(), budget)) {
                return new Body(in.readAllBytes(), response.body().contentType());
            }
        });
    }
}
