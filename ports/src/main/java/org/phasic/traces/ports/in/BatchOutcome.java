package org.phasic.traces.ports.in;

import java.util.List;
import org.phasic.traces.domain.registry.TraceId;

/**
 * The outcome of a batch: one item per trace, in the order given. Every item is attempted; a failure does not stop
 * the others.
 *
 * @param target what the batch worked on, e.g. a mirror's location, or empty
 * @param items  one per trace
 */
public record BatchOutcome(String target, List<BatchItem> items) {
    public BatchOutcome {
        target = target == null ? "" : target;
        items = List.copyOf(items);
    }

    /** How many items ended with {@code status}. */
    public long count(BatchItem.Status status) {
        return items.stream().filter(item -> item.status() == status).count();
    }

    /** The failed items. */
    public List<BatchItem> failures() {
        return items.stream().filter(item -> !item.ok()).toList();
    }

    /** Whether no item failed. */
    public boolean ok() {
        return count(BatchItem.Status.FAILED) == 0;
    }

    /** The ids, in order. */
    public List<TraceId> ids() {
        return items.stream().map(BatchItem::id).toList();
    }
}
