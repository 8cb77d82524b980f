package org.phasic.traces.adapter.cloud.contract;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.ports.out.BlobInfo;
import org.phasic.traces.ports.out.BlobStore;

/** A {@link BlobStore} that forwards every call; tests override what they observe or break. */
public class ForwardingBlobStore implements BlobStore {

    private final BlobStore delegate;

    public ForwardingBlobStore(BlobStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public BlobInfo put(String key, InputStream content, long length) throws IOException {
        return delegate.put(key, content, length);
    }

    @Override
    public InputStream get(String key) throws IOException {
        return delegate.get(key);
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        return delegate.stat(key);
    }

    @Override
    public List<BlobInfo> list(String keyPrefix) throws IOException {
        return delegate.list(keyPrefix);
    }

    @Override
    public void delete(String key) throws IOException {
        delegate.delete(key);
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public void close() {
        // the delegate belongs to the test
    }
}
