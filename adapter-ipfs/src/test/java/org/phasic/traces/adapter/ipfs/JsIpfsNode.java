package org.phasic.traces.adapter.ipfs;

import java.net.URI;
import java.nio.file.Path;

/**
 * A running js-ipfs test node (see {@link JsIpfsNodeExtension}).
 *
 * @param api     its RPC API
 * @param gateway its read-only HTTP gateway
 * @param pid     the daemon's process id
 * @param runDir  its repository, log and pid file
 */
public record JsIpfsNode(ApiAddress api, URI gateway, long pid, Path runDir) {
}
