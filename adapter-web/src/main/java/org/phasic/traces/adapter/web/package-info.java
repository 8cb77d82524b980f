/**
 * The web driver: an HTTP server over the use cases in {@code ports.in}, beside the command line and the Java
 * facade. It serves the verified local store as an IPFS trustless gateway and renders the discovery site.
 */
package org.phasic.traces.adapter.web;
