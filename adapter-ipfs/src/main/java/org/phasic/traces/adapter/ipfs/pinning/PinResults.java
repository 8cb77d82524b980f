package org.phasic.traces.adapter.ipfs.pinning;

import java.util.List;

/**
 * One page of a pin listing.
 *
 * @param count   how many pin requests match in total
 * @param results the requests on this page
 */
public record PinResults(int count, List<PinStatus> results) {

    public PinResults {
        results = List.copyOf(results);
    }
}
