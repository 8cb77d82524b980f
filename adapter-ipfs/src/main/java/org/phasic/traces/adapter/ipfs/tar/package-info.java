/** Safe extraction of the tar streams the Kubo RPC API returns: entry names checked, links and devices refused, nothing written outside the target folder. */
package org.phasic.traces.adapter.ipfs.tar;
