/**
 * The IPFS trustless gateway over the verified local store: {@code /ipfs/{cid}[/path]} as raw blocks, CARs, file
 * bytes and directory listings.
 */
package org.phasic.traces.adapter.web.gateway;
