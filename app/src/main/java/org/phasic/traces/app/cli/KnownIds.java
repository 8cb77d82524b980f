package org.phasic.traces.app.cli;

import java.util.List;
import java.util.Optional;
import org.phasic.traces.app.config.Suggestions;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.UnknownTraceException;

/** "Did you mean" for trace ids: the registry's ids closest to each id no registry lists. */
final class KnownIds {
    private KnownIds() {
    }

    /**
     * {@code outcome} with the closest known ids added to the reason of every item that failed because no registry lists
     * its id; unchanged when nothing failed so, or the registry cannot be read.
     */
    static BatchOutcome suggest(CliContext context, BatchOutcome outcome) {
        List<BatchItem> unknown = outcome.failures().stream().filter(KnownIds::unknownId).toList();
        if (unknown.isEmpty()) {
            return outcome;
        }
        Optional<List<String>> known = of(context);
        if (known.isEmpty()) {
            return outcome;
        }
        List<String> ids = known.get();
        return new BatchOutcome(outcome.target(), outcome.items().stream().map(item -> !unknownId(item) ? item
                : Suggestions.didYouMean(item.id().value(), ids)
                        .map(guess -> BatchItem.failed(item.id(), item.error().orElse("") + " (" + guess + ")", item.hint()))
                        .orElse(item)).toList());
    }

    /**
     * The current registry's ids, read through its summaries (a large cached registry is not parsed whole), or empty
     * when the registry cannot be read.
     */
    static Optional<List<String>> of(CliContext context) {
        try {
            return Optional.of(context.useCases().listTraces().summaries(RegistryQuery.all()).stream()
                    .map(entry -> entry.id().value()).toList());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The hint for an unknown id: the known ids closest to it, else the use case's own hint. */
    static String hint(CliContext context, UnknownTraceException unknown) {
        String fallback = Main.hintOf(unknown);
        return of(context).flatMap(ids -> Suggestions.didYouMean(unknown.id().value(), ids))
                .map(guess -> guess + " " + fallback).orElse(fallback);
    }

    private static boolean unknownId(BatchItem item) {
        Hint.Kind kind = item.hint().kind();
        return item.status() == BatchItem.Status.FAILED && (kind == Hint.Kind.LIST_TRACES || kind == Hint.Kind.LIST_TRACES_OFFLINE);
    }
}
