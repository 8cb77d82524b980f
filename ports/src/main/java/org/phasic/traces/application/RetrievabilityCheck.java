package org.phasic.traces.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentException;
import org.phasic.traces.domain.registry.Checksum;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.out.ContentSource;

/**
 * Confirms that published content can be fetched by others: {@code trace.json.gz} is read back from the public network
 * sources (HTTP gateways, {@link ContentSource.Tier#GATEWAY} and later; not the own daemon or private mirrors, which
 * would prove nothing) and verified against the directory CID and the checksum. Content that nobody serves is the most
 * common publishing failure on IPFS.
 */
final class RetrievabilityCheck {
    private final List<ContentSource> sources;
    private final long maxFileBytes;

    RetrievabilityCheck(List<ContentSource> sources, long maxFileBytes) {
        this.sources = sources.stream().filter(source -> source.usesNetwork() && source.order() >= ContentSource.Tier.GATEWAY)
                .sorted(java.util.Comparator.comparingInt(ContentSource::order)).toList();
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * The name of the first network source that served verified content.
     *
     * @throws OperationFailedException when none did, naming what each one answered
     */
    String firstServing(Cid root, String checksum) throws IOException {
        if (sources.isEmpty()) {
            throw new OperationFailedException("no network source (HTTP gateway) is configured to check that " + root
                    + " is retrievable", Hint.of(Hint.Kind.USE_GATEWAY_OR_SKIP_RETRIEVABILITY_CHECK));
        }
        Checksum expected = Checksum.parse(Objects.requireNonNull(checksum, "checksum"));
        List<String> failures = new ArrayList<>();
        for (ContentSource source : sources) {
            try {
                VerifiedFileCheck.Outcome outcome = VerifiedFileCheck.check(source, root, TraceEntry.TRACE_FILE, expected, maxFileBytes);
                if (outcome == VerifiedFileCheck.Outcome.MATCHES) {
                    return source.name();
                }
                failures.add(source.name() + (outcome == VerifiedFileCheck.Outcome.MISSING ? ": does not have it"
                        : ": served bytes that match the CID but not the checksum"));
            } catch (ContentException | IOException | UncheckedIOException e) {
                failures.add(source.name() + ": " + e.getMessage());
            }
        }
        throw new OperationFailedException("no gateway serves " + root + " yet (" + String.join("; ", failures)
                + "); the pull request was not opened", Hint.of(Hint.Kind.KEEP_CONTENT_ONLINE));
    }
}
