/**
 * The inbound ports: one use-case interface per purpose (get a trace, get its files, list, show, install, evaluate,
 * publish, validate, update or scaffold a registry, store maintenance, private mirror, local IPFS daemon), their typed
 * results (a {@link org.phasic.traces.ports.in.Provenance}, a {@link org.phasic.traces.ports.in.BatchOutcome}), their
 * typed failures ({@link org.phasic.traces.ports.in.UseCaseException} and subclasses) carrying a neutral
 * {@link org.phasic.traces.ports.in.Hint} each driver renders in its own words, and the callbacks a driver supplies
 * ({@link org.phasic.traces.ports.in.Notices}, {@link org.phasic.traces.ports.in.TransferProgress}). Drivers (the CLI,
 * the Java facade) see this package and the domain only; the application services implement it.
 */
package org.phasic.traces.ports.in;
