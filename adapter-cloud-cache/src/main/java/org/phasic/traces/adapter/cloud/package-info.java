/**
 * Private blob stores behind {@link org.phasic.traces.ports.out.BlobStore}: S3 and S3-compatible
 * stores ({@link org.phasic.traces.adapter.cloud.S3BlobStore}), Google Cloud Storage
 * ({@link org.phasic.traces.adapter.cloud.GcsBlobStore}) and a plain folder such as a shared
 * network drive ({@link org.phasic.traces.adapter.cloud.FileSystemBlobStore}). Settings records
 * and factories build the cloud stores; credentials are wrapped in
 * {@link org.phasic.traces.adapter.cloud.Secret} and never appear in strings or exceptions.
 */
package org.phasic.traces.adapter.cloud;
