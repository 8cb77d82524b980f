/** A client of the IPFS Pinning Service API ({@code /pins}) and the remote pinning port built on it. */
package org.phasic.traces.adapter.ipfs.pinning;
