/**
 * The private-mirror profiles {@code s3} and {@code gcs} as plugins on the plugin SPI, registered in
 * {@code META-INF/services/org.phasic.traces.spi.ProfilePlugin}: without this module on the class path the profiles
 * are absent. Each reads its settings record's keys and contributes a mirror source and, with
 * {@code cache.writeBack}, a write-back listener.
 */
package org.phasic.traces.adapter.cloud.profile;
