/** Finding, starting and reading from a local IPFS daemon: the daemon tiers (running, started here, none), its status and its content source. */
package org.phasic.traces.adapter.ipfs.daemon;
