package org.phasic.traces.ports.out;

import org.phasic.traces.ports.in.DaemonUseCase.DaemonReport;

/** The local IPFS node fetches may go through: its tier and status, and starting it. */
public interface LocalIpfsNode {
    /** The tier fetches would use now, with the API address, version and repository; starts nothing. */
    DaemonReport status();

    /**
     * Starts a daemon unless one answers already.
     *
     * @throws org.phasic.traces.ports.in.OperationFailedException when none can be started
     */
    DaemonReport start();
}
