/** Kubo RPC API client, daemon tiers and the Pinning Service API. */
package org.phasic.traces.adapter.ipfs;
