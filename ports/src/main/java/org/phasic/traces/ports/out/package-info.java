/**
 * The outbound ports the application needs and adapters implement: content sources and their block feeds, the local
 * store (lookup and commit, and its maintenance), registry sources and codecs, publishing targets, blob stores of
 * private mirrors, the local IPFS node.
 */
package org.phasic.traces.ports.out;
