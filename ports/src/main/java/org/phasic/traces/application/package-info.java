/**
 * The application services: each implements one or more use cases of {@code ports.in} over the outbound ports of
 * {@code ports.out} (the fetch chain, registry, install and mirror batches, publishing, store upkeep, evaluation).
 */
package org.phasic.traces.application;
