/**
 * CAR v1: {@link org.phasic.traces.domain.car.CarReader} (streaming, verifies every block, errors name the
 * byte offset), {@link org.phasic.traces.domain.car.CarWriter}, and two {@link
 * org.phasic.traces.domain.dag.BlockSource}s over CARs for reassembly: {@link
 * org.phasic.traces.domain.car.CarStreamBlockSource} (a stream, bounded buffer) and {@link
 * org.phasic.traces.domain.car.CarFile} (an indexed file, random access).
 */
package org.phasic.traces.domain.car;
