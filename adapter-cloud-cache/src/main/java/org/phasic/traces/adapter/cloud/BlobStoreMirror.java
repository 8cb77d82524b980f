package org.phasic.traces.adapter.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.MirrorUseCase;
import org.phasic.traces.ports.out.BlobInfo;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.PrivateMirror;

/** A {@link MirrorContentSource}'s bucket as a {@link PrivateMirror}: its index, CAR sizes and pushes. */
public final class BlobStoreMirror implements PrivateMirror {
    private static final int MAX_INDEX_ENTRY_BYTES = 4096;

    private final MirrorContentSource source;

    public BlobStoreMirror(MirrorContentSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public String location() {
        return source.store().location();
    }

    @Override
    public ContentSource source() {
        return source;
    }

    @Override
    public List<TraceId> ids() throws IOException {
        return source.store().list(BlobKeys.INDEX).stream().map(BlobInfo::key).map(BlobKeys::indexId)
                .flatMap(Optional::stream).map(TraceId::of).toList();
    }

    @Override
    public MirrorUseCase.Listing list() throws IOException {
        BlobStore store = source.store();
        Map<String, Long> carSizes = store.list(BlobKeys.CARS).stream().collect(Collectors.toMap(BlobInfo::key, BlobInfo::size));
        List<MirrorUseCase.MirroredTrace> traces = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (BlobInfo info : store.list(BlobKeys.INDEX)) {
            Optional<MirrorIndexEntry> entry = readEntry(store, info);
            if (entry.isEmpty()) {
                unreadable.add(info.key());
                continue;
            }
            Long size = carSizes.get(BlobKeys.car(entry.get().rootCid()));
            traces.add(new MirrorUseCase.MirroredTrace(entry.get().id(), entry.get().rootCid(),
                    size == null ? OptionalLong.empty() : OptionalLong.of(size)));
        }
        return new MirrorUseCase.Listing(store.location(), traces, unreadable);
    }

    @Override
    public boolean push(TraceId id, String rootCid, List<ContentSource> sources) throws IOException {
        return new MirrorPush(source.store(), sources).push(id, rootCid).sent();
    }

    private static Optional<MirrorIndexEntry> readEntry(BlobStore store, BlobInfo info) {
        if (info.size() > MAX_INDEX_ENTRY_BYTES) {
            return Optional.empty();
        }
        try (InputStream in = store.get(info.key())) {
            return MirrorIndexEntry.parse(info.key(), in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
